import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

const strictTransportSecurity = { maxAge: 31_536_000, includeSubDomains: true };

/** What a page of the console may load: its own scripts, styles, images and calls, nothing framed. */
const documentPolicy: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // antd injects its component styles at run time.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  strictTransportSecurity,
};

/**
 * An API answer is JSON that no browser renders: it may load nothing and be framed by nothing, and it carries
 * only what OWASP's REST Security cheat sheet asks of an API answer (with `Cache-Control: no-store`, added
 * below), plus Cross-Origin-Resource-Policy, which keeps a cross-site page from loading it as a script or image.
 * The headers that govern a rendered document (opener, referrer, origin cluster, DNS prefetch, Flash and IE
 * download policies, the XSS auditor) would be a third of the bytes and header work of every API answer, for
 * nothing.
 */
const apiPolicy: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
  strictTransportSecurity,
  xFrameOptions: { action: 'deny' },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};

// Any case: express routes `/API/…` to the API too.
const apiPath = /^\/api(?:[/?]|$)/i;

type Headers = [name: string, value: string][];

/**
 * The headers helmet sets for a policy, worked out once: none of them depends on the request, and helmet would
 * otherwise write its Content-Security-Policy out again for every answer.
 */
function headersOf(policy: HelmetOptions): Headers {
  const headers: Headers = [];
  const collector = {
    setHeader: (name: string, value: string) => headers.push([name, value]),
    removeHeader: () => undefined,
  };
  let failure: unknown;
  helmet(policy)({} as IncomingMessage, collector as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure !== undefined) throw new Error('helmet refused the policy', { cause: failure });
  return headers;
}

const setAll = (res: Response, headers: Headers) => {
  for (const [name, value] of headers) res.setHeader(name, value);
};

/**
 * helmet's headers on every answer, with the page's Content-Security-Policy on documents and static files and
 * the API's on `/api`, whose answers (sessions, clusters, a user's questions) no cache may keep either.
 */
export function securityHeaders(): RequestHandler {
  const forDocuments = headersOf(documentPolicy);
  const forApi: Headers = [...headersOf(apiPolicy), ['Cache-Control', 'no-store']];
  return (req, res, next) => {
    setAll(res, apiPath.test(req.url) ? forApi : forDocuments);
    next();
  };
}
