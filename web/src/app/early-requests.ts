/**
 * The calls a first page needs, started from index.html before the app's JavaScript has loaded: the
 * build turns this file into a classic script in the page's head (`earlyRequests()` in vite.config.ts),
 * so the answers are on their way while the app downloads. `apiRequest` takes each answer at most once
 * and drops them all at the app's first call that changes anything (decision 024).
 */
export const earlyRequests: readonly { path: string; pages: RegExp }[] = [
  // Every page but the log-in form asks who is logged in.
  { path: '/api/session', pages: /^\/(?!login$)/ },
  // The overview and the clusters list draw the list.
  { path: '/api/dws/clusters', pages: /^\/(clusters)?$/ },
];

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
