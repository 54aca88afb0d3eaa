import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { consoleUserAgent, dwsRoutes, type Trace, type TraceRating } from '@dws-console/shared';
import type { TraceStore } from './trace-store.ts';

/** Who made a call, once the emulator knows: the DWS routes learn it from the token, IAM from its own checks. */
export interface TraceCaller {
  domain: { id: string; name: string };
  user: { id: string; name: string };
  project: { id: string; name: string };
}

/** Tells the recorder who made this call; a call nobody could be named for is not recorded. */
export function noteCaller(res: Response, caller: TraceCaller): void {
  res.locals.traceCaller = caller;
}

interface Operation {
  service: 'DWS' | 'IAM';
  name: string;
  resourceType: string;
  resourceId: string;
  apiVersion: string;
}

/** Reads are not management operations: CTS records what changes something, and who tried to. */
const dwsOperations = Object.entries(dwsRoutes)
  .filter(([, route]) => route.method !== 'GET')
  .map(([name, route]) => ({
    name,
    method: route.method,
    apiVersion: route.version,
    resourceType: route.path.startsWith('/snapshots') ? 'snapshot' : 'cluster',
    pattern: new RegExp(
      `^/${route.version.replace('.', '\\.')}/([^/]+)${route.path.replace(/:\w+/, '([^/]+)')}/?$`,
    ),
  }));

function operationOf(method: string, path: string): (Operation & { pathProject?: string }) | undefined {
  if (path === '/v3/auth/tokens' && (method === 'POST' || method === 'DELETE')) {
    const name = method === 'POST' ? 'createToken' : 'revokeToken';
    return { service: 'IAM', name, resourceType: 'token', resourceId: '', apiVersion: 'v3' };
  }
  for (const operation of dwsOperations) {
    if (operation.method !== method) continue;
    const match = operation.pattern.exec(path);
    if (!match) continue;
    return {
      service: 'DWS',
      name: operation.name,
      resourceType: operation.resourceType,
      resourceId: match[2] ?? '',
      apiVersion: operation.apiVersion,
      pathProject: match[1],
    };
  }
  return undefined;
}

const secretKey = /pass|pwd|token|secret|credential|private|(^|_)key$/i;
const summaryLimit = 4096;

/** The summary a trace keeps: every secret-named field's value replaced, whatever its depth. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, secretKey.test(key) ? '******' : redact(inner)]),
  );
}

function summary(value: unknown): string {
  const text = JSON.stringify(redact(value ?? {})) ?? '{}';
  return text.length > summaryLimit ? `${text.slice(0, summaryLimit)}…` : text;
}

/** Refusals (4xx) are warnings, failures of the cloud itself (5xx) incidents. */
function ratingOf(status: number): TraceRating {
  if (status >= 500) return 'incident';
  return status >= 400 ? 'warning' : 'normal';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** DWS says what went wrong in `error_msg`, IAM in `error.message`. */
function messageOf(answer: unknown): string | undefined {
  if (!isRecord(answer)) return undefined;
  if (typeof answer.error_msg === 'string') return answer.error_msg;
  const error = answer.error;
  return isRecord(error) && typeof error.message === 'string' ? error.message : undefined;
}

/** The id and name of what a call created, from its answer and its request (`{cluster: {id}}` and `name`). */
function created(body: unknown, request: unknown, type: string): { id?: string; name?: string } {
  const answer = isRecord(body) ? body[type === 'snapshot' ? 'snapshot' : 'cluster'] : undefined;
  const asked = isRecord(request) ? (request[type] ?? request) : undefined;
  return {
    ...(isRecord(answer) && typeof answer.id === 'string' ? { id: answer.id } : {}),
    ...(isRecord(asked) && typeof asked.name === 'string' ? { name: asked.name } : {}),
  };
}

/**
 * Records every DWS and IAM management operation as CTS does, whoever sends it: the console, curl or an SDK.
 * `nameOf` finds a resource's name before the operation runs, while a cluster being deleted still has one.
 */
export function recordTraces(deps: {
  store: TraceStore;
  nameOf: (projectId: string, type: string, id: string) => string | undefined;
  now?: () => number;
  log?: (message: string) => void;
}): RequestHandler {
  const now = deps.now ?? Date.now;
  return (req, res, next) => {
    const operation = operationOf(req.method, req.path);
    if (!operation) return next();
    const time = now();
    const knownName =
      operation.pathProject && operation.resourceId
        ? deps.nameOf(operation.pathProject, operation.resourceType, operation.resourceId)
        : undefined;
    let answer: unknown;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      answer = body;
      return json(body);
    };
    res.on('finish', () => {
      const caller = (res.locals.traceCaller ?? res.locals.iamToken) as TraceCaller | undefined;
      if (!caller) return;
      const made = created(answer, req.body, operation.resourceType);
      const isIam = operation.service === 'IAM';
      const message = messageOf(answer);
      const trace: Trace = {
        trace_id: randomUUID(),
        trace_name: operation.name,
        trace_rating: ratingOf(res.statusCode),
        trace_type: req.get('User-Agent')?.startsWith(consoleUserAgent) ? 'ConsoleAction' : 'ApiCall',
        service_type: operation.service,
        resource_type: operation.resourceType,
        resource_id: isIam ? caller.user.id : operation.resourceId || (made.id ?? ''),
        resource_name: isIam ? caller.user.name : (knownName ?? made.name ?? ''),
        request: summary(req.body),
        response: summary(answer),
        code: String(res.statusCode),
        ...(typeof message === 'string' ? { message } : {}),
        api_version: operation.apiVersion,
        time,
        record_time: now(),
        request_id: String(res.getHeader('X-Request-Id') ?? ''),
        source_ip: req.socket.remoteAddress ?? '',
        // Picked field by field: the emulator's own user and domain records hold passwords.
        user: {
          id: caller.user.id,
          name: caller.user.name,
          domain: { id: caller.domain.id, name: caller.domain.name },
        },
      };
      // The operation happened whether or not its trace could be written: say so, do not fail the emulator.
      deps.store.record(caller.project.id, trace).catch((error: unknown) => {
        deps.log?.(`cts: a trace of ${operation.name} could not be written: ${String(error)}`);
      });
    });
    next();
  };
}
