import { apiErrorBodySchema, bffErrorCodes, csrfHeader, shownProjectHeader } from '@dws-console/shared';

/** Every non-2xx answer becomes one of these: the code, the message and the request id to quote. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isSessionEnded(): boolean {
    return this.code === bffErrorCodes.sessionExpired || this.code === bffErrorCodes.unauthenticated;
  }

  /** Another window moved the session to another project than the page shows. */
  get isProjectChanged(): boolean {
    return this.code === bffErrorCodes.projectChanged;
  }
}

let shownProject: string | undefined;

/**
 * The project the pages show now. Every call but the session's own names it, so that once another window has
 * moved the session elsewhere the BFF refuses the call instead of answering with the other project's data.
 */
export function showProject(projectId: string | undefined): void {
  shownProject = projectId;
}

/** Reads the DWS shape and the older shapes some regions still send. */
function toApiError(status: number, body: unknown, requestId: string | undefined): ApiError {
  const parsed = apiErrorBodySchema.safeParse(body);
  if (parsed.success) {
    return new ApiError(
      status,
      parsed.data.error_code,
      parsed.data.error_msg,
      parsed.data.request_id ?? requestId,
    );
  }
  if (typeof body === 'object' && body !== null) {
    const legacy = body as {
      errCode?: unknown;
      externalMessage?: unknown;
      error?: { code?: unknown; message?: unknown };
    };
    if (typeof legacy.errCode === 'string') {
      return new ApiError(
        status,
        legacy.errCode,
        typeof legacy.externalMessage === 'string' ? legacy.externalMessage : '',
        requestId,
      );
    }
    if (legacy.error && typeof legacy.error.message === 'string') {
      return new ApiError(
        status,
        typeof legacy.error.code === 'string' || typeof legacy.error.code === 'number'
          ? String(legacy.error.code)
          : String(status),
        legacy.error.message,
        requestId,
      );
    }
  }
  return new ApiError(status, `HTTP.${status}`, `The server answered HTTP ${status}.`, requestId);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

declare global {
  /** The answers index.html asked for before the app had loaded (`app/early-requests.ts`), by path. */
  var dwsEarlyAnswers: Record<string, Promise<Response>> | undefined;
}

/** Nobody will read them: the browser finishes with their bodies, so no request stays open (networkidle). */
function dropEarlyAnswers(): void {
  const early = globalThis.dwsEarlyAnswers;
  globalThis.dwsEarlyAnswers = undefined;
  for (const dropped of Object.values(early ?? {})) {
    dropped.then((response) => response.body?.cancel()).catch(() => undefined);
  }
}

/**
 * The answer index.html already asked for, taken at most once. The first call that changes anything (a
 * log-in, a project switch) drops them all: from then on an early answer could be out of date.
 */
function takeEarlyAnswer(path: string, method: string): Promise<Response> | undefined {
  const early = globalThis.dwsEarlyAnswers;
  if (!early) return undefined;
  if (method !== 'GET') {
    dropEarlyAnswers();
    return undefined;
  }
  const answer = early[path];
  delete early[path];
  return answer;
}

/** The one fetch wrapper of the app: same-origin cookies, the CSRF header, JSON both ways, typed errors. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers[csrfHeader.name] = csrfHeader.value;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (shownProject && !path.startsWith('/api/session')) headers[shownProjectHeader] = shownProject;
  let response: Response;
  try {
    response = await (takeEarlyAnswer(path, method) ??
      fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      }));
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'The console cannot be reached. Check the network and try again.');
  }
  // Without a session the app goes to the log-in page, which takes none of the answers asked for with that cookie.
  if (response.status === 401) dropEarlyAnswers();
  const requestId = response.headers.get('X-Request-Id') ?? undefined;
  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!response.ok) throw toApiError(response.status, body, requestId);
  return body as T;
}
