import express, { type Express } from 'express';
import { z } from 'zod/mini';
import { dwsErrors } from '@dws-console/shared';
import { createCtsRouter } from './cts/cts-router.ts';
import { recordTraces } from './cts/trace-recorder.ts';
import type { TraceStore } from './cts/trace-store.ts';
import { createDbmindRouter, dbmindErrorHandler } from './dbmind/dbmind-router.ts';
import type { DbmindServices } from './dbmind/interaction/services.ts';
import { createControlRouter } from './dws/control-router.ts';
import type { Dws } from './dws/create-dws.ts';
import { createDwsRouter } from './dws/dws-router.ts';
import { acceptUtf8Alias, dwsErrorHandler, requestId, sendKnownDwsError } from './http/errors.ts';
import type { Directory } from './iam/directory.ts';
import { createIamRouter } from './iam/iam-router.ts';
import type { TokenService } from './iam/tokens.ts';

// The shared contracts are written with zod/mini, which loads no locale: without the English one, the rules zod
// words itself (an unknown key, a wrong type) would reach callers as a bare "Invalid input" (decision 037).
z.config(z.locales.en());

export interface CloudDeps {
  directory: Directory;
  tokens: TokenService;
  dws: Dws;
  traces: TraceStore;
  now?: () => number;
  log?: (message: string) => void;
}

/** A cluster's or snapshot's name, for its traces; undefined once it is gone. */
function resourceNames(dws: Dws) {
  return (projectId: string, type: string, id: string): string | undefined => {
    try {
      return type === 'snapshot'
        ? dws.snapshots.getSnapshot(projectId, id).fields.name
        : dws.clusters.getCluster(projectId, id).fields.name;
    } catch {
      return undefined;
    }
  };
}

/** IAM, DWS and CTS share one endpoint, as the seed's quick start calls the first two. */
export function createCloudApp(deps: CloudDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestId);
  app.use(acceptUtf8Alias);
  app.use(
    recordTraces({
      store: deps.traces,
      nameOf: resourceNames(deps.dws),
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.log ? { log: deps.log } : {}),
    }),
  );
  app.use(createIamRouter(deps));
  app.use(createCtsRouter(deps));
  app.use(express.json({ limit: '1mb' }));
  app.use('/emulator', createControlRouter(deps));
  app.use(createDwsRouter(deps));
  app.use((_req, res) => sendKnownDwsError(res, dwsErrors.noSuchApi));
  app.use(dwsErrorHandler);
  return app;
}

export function createDbmindApp(dbmind: DbmindServices): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestId);
  app.use(acceptUtf8Alias);
  app.use(express.json({ limit: '1mb' }));
  app.use(createDbmindRouter(dbmind));
  app.use((_req, res) => res.status(404).json({ msg: 'Not found.', success: false }));
  app.use(dbmindErrorHandler);
  return app;
}
