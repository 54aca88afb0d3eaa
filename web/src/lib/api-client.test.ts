import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEarlyRequests } from '../app/early-requests.ts';
import { getClusters } from '../features/clusters/api/get-clusters.ts';
import { getSession } from '../features/session/api/get-session.ts';
import { apiRequest, showProject } from './api-client.ts';

const session = {
  user: { id: 'u1', name: 'admin' },
  domain: { id: 'd1', name: 'demo' },
  project: { id: 'p1', name: 'ae-ad-1' },
  expiresAt: '2026-12-01T00:00:00.000Z',
  isIdleEnd: false,
  signedInWith: 'password',
  rights: { allowed: ['listClusters'], complete: true },
};
const noClusters = { clusters: [], count: 0 };

function answer(status: number, body: unknown): Promise<Response> {
  return Promise.resolve(new Response(JSON.stringify(body), { status }));
}

/** The app's own fetches, answered by path. */
function appFetches(replies: Record<string, unknown>) {
  const fetches = vi.fn((path: string, _init?: RequestInit) => answer(200, replies[path]));
  vi.stubGlobal('fetch', fetches);
  return fetches;
}

afterEach(() => {
  vi.unstubAllGlobals();
  globalThis.dwsEarlyAnswers = undefined;
});

describe('the calls index.html starts before the app has loaded', () => {
  it('are the first calls of the page: who is logged in everywhere but the log-in form, the list on the overview and the clusters page', () => {
    const asked = (pathname: string) => {
      const fetcher = vi.fn((_path: string, _init?: RequestInit) => answer(200, {}));
      startEarlyRequests(pathname, fetcher);
      return fetcher.mock.calls.map(([path]) => path);
    };
    expect(asked('/')).toEqual(['/api/session', '/api/dws/clusters']);
    expect(asked('/clusters')).toEqual(['/api/session', '/api/dws/clusters']);
    expect(asked('/clusters/0f6c1c2e')).toEqual(['/api/session']);
    expect(asked('/chat')).toEqual(['/api/session']);
    expect(asked('/login')).toEqual([]);
  });

  it('are taken by the session and list queries, once, in place of their own fetch', async () => {
    const fetches = appFetches({ '/api/dws/clusters': noClusters });
    globalThis.dwsEarlyAnswers = startEarlyRequests('/clusters', (path) =>
      answer(200, path === '/api/session' ? session : noClusters),
    );

    expect(await getSession()).toEqual(session);
    expect(await getClusters()).toEqual(noClusters);
    expect(fetches).not.toHaveBeenCalled();

    // The next time round, the app asks for itself.
    await getClusters();
    expect(fetches).toHaveBeenCalledTimes(1);
  });

  it('are dropped at the first call that changes anything, so a log-in never reads the 401 from before it', async () => {
    const fetches = appFetches({ '/api/session': session, '/api/dws/clusters': noClusters });
    globalThis.dwsEarlyAnswers = startEarlyRequests('/clusters', () =>
      answer(401, { error_code: 'BFF.0401', error_msg: 'Log in first.' }),
    );
    expect(await getSession()).toBeNull();

    await apiRequest('/api/session', { method: 'POST', body: { user: 'admin' } });
    await expect(getClusters()).resolves.toEqual(noClusters);
    expect(fetches.mock.calls.map(([path, init]) => [path, init?.method])).toEqual([
      ['/api/session', 'POST'],
      ['/api/dws/clusters', 'GET'],
    ]);
  });

  it('that are dropped have their bodies cancelled, so the browser is not left holding them', async () => {
    appFetches({ '/api/session': session });
    const cancelled = vi.fn();
    const unread = new Response(new ReadableStream({ cancel: cancelled }), { status: 401 });
    globalThis.dwsEarlyAnswers = { '/api/dws/clusters': Promise.resolve(unread) };

    await apiRequest('/api/session', { method: 'POST', body: { user: 'admin' } });
    await vi.waitFor(() => expect(cancelled).toHaveBeenCalledTimes(1));
  });

  it('are dropped when the session is gone, as the log-in page the app then shows takes none of them', async () => {
    const cancelled = vi.fn();
    const unread = new Response(new ReadableStream({ cancel: cancelled }), { status: 401 });
    globalThis.dwsEarlyAnswers = {
      '/api/session': answer(401, { error_code: 'CONSOLE.0401', error_msg: 'Log in first.' }),
      '/api/dws/clusters': Promise.resolve(unread),
    };
    expect(await getSession()).toBeNull();
    await vi.waitFor(() => expect(cancelled).toHaveBeenCalledTimes(1));
    expect(globalThis.dwsEarlyAnswers).toBeUndefined();
  });

  it('report a network failure the way the app’s own fetch does', async () => {
    appFetches({ '/api/dws/clusters': noClusters });
    globalThis.dwsEarlyAnswers = startEarlyRequests('/', () => Promise.reject(new TypeError('offline')));
    await expect(apiRequest('/api/dws/clusters')).rejects.toMatchObject({ code: 'NETWORK' });
  });
});

describe('the project a page shows', () => {
  afterEach(() => showProject(undefined));

  it('is named on every call but the session’s own, and a refusal for it says the project changed', async () => {
    const fetches = appFetches({ '/api/dws/clusters': noClusters, '/api/session': session });
    showProject('p1');
    await apiRequest('/api/dws/clusters');
    await apiRequest('/api/session');
    const headers = fetches.mock.calls.map(
      ([, init]) => (init?.headers as Record<string, string>)['X-Console-Project'],
    );
    expect(headers).toEqual(['p1', undefined]);

    vi.stubGlobal('fetch', () =>
      answer(412, { error_code: 'CONSOLE.0412', error_msg: 'X-Console-Project: the session has moved.' }),
    );
    await expect(apiRequest('/api/dws/clusters')).rejects.toMatchObject({
      status: 412,
      isProjectChanged: true,
    });
  });
});
