import { storedChoiceKeys } from '../lib/stored-choices.ts';

/**
 * The calls a first page needs, started from index.html before the app's JavaScript has loaded: the
 * build turns this file into a classic script in the page's head (`earlyRequests()` in vite.config.ts),
 * so the answers are on their way while the app downloads. `apiRequest` takes each answer at most once
 * and drops them all at the app's first call that changes anything (decision 024), or at a 401, after which
 * the log-in page takes none of them: a dropped answer's body is cancelled, so no request stays open.
 */
export const earlyRequests: readonly { path: string; pages: RegExp }[] = [
  // Every page but the log-in form asks who is logged in.
  { path: '/api/session', pages: /^\/(?!login$)/ },
  // The overview and the clusters list draw the list.
  { path: '/api/dws/clusters', pages: /^\/(clusters)?$/ },
];

/**
 * Gives the page the language and theme chosen in this browser before anything paints, so the static frame shows
 * them at once. The page's first read of `localStorage` also waits until the browser has handed over everything
 * stored for the site: here, before the browser is busy fetching the app, rather than in the app's first render,
 * where that wait took 3-15 % of a cold load's main-thread time.
 */
export function applyStoredChoices(doc: Document = document, storage: Storage = localStorage): void {
  try {
    if (storage.getItem(storedChoiceKeys.locale) === 'en') doc.documentElement.lang = 'en';
    const theme = storage.getItem(storedChoiceKeys.theme);
    if (theme === 'dark' || theme === 'light') doc.documentElement.dataset.theme = theme;
  } catch {
    // Storage refused (site data blocked): the frame keeps its defaults; the app meets the refusal on its own.
  }
}

/**
 * The route module that draws each page (the lazy routes of `router.tsx`): index.html asks for the page's code
 * along with the shell's, not after the shell has run.
 */
export const routePages: readonly { module: string; pages: RegExp }[] = [
  { module: 'login-route', pages: /^\/login\/?$/ },
  { module: 'overview-route', pages: /^\/$/ },
  { module: 'create-cluster-route', pages: /^\/clusters\/new\/?$/ },
  { module: 'clusters-route', pages: /^\/clusters\/?$/ },
  { module: 'cluster-detail-route', pages: /^\/clusters\/[^/]+\/?$/ },
  { module: 'snapshots-route', pages: /^\/snapshots\/?$/ },
  { module: 'snapshot-detail-route', pages: /^\/snapshots\/[^/]+\/?$/ },
  { module: 'node-types-route', pages: /^\/node-types\/?$/ },
  { module: 'operations-log-route', pages: /^\/operations-log\/?$/ },
  { module: 'chat-route', pages: /^\/chat\/?$/ },
];

/** Asks the browser to fetch the code of the page at `pathname` now: `files` holds each route module's chunks. */
export function preloadRouteCode(
  pathname: string,
  files: Record<string, string[]>,
  doc: Document = document,
): void {
  const route = routePages.find(({ pages }) => pages.test(pathname));
  for (const href of route ? (files[route.module] ?? []) : []) {
    const link = doc.createElement('link');
    link.rel = 'modulepreload';
    // As Vite's own module preloads: the same request mode as the import that will use the answer.
    link.crossOrigin = '';
    link.href = href;
    doc.head.append(link);
  }
}

/** Starts the calls the page at `pathname` makes first, as `apiRequest` would make them. */
export function startEarlyRequests(
  pathname: string,
  fetcher: (path: string, init: RequestInit) => Promise<Response> = fetch,
): Record<string, Promise<Response>> {
  const answers: Record<string, Promise<Response>> = {};
  for (const { path, pages } of earlyRequests) {
    if (!pages.test(pathname)) continue;
    const answer = fetcher(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    // An answer the app never takes must not report an unhandled rejection; the app's own await still sees it.
    answer.catch(() => undefined);
    answers[path] = answer;
  }
  return answers;
}
