/**
 * Runs `task` once the browser has nothing else to do (at most `timeoutMs` later), or after a short delay where
 * there is no `requestIdleCallback`. Returns what cancels it, for an effect's clean-up.
 */
export function whenIdle(task: () => void, timeoutMs = 2_000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, 200);
  return () => clearTimeout(handle);
}
