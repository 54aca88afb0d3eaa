/**
 * Log-out and the session's end close every answer stream of the page. Kept apart from the chat's runtime, so
 * the shell can call it without loading the chat.
 */
let closer: (() => void) | undefined;

export function onCloseAnswerStreams(close: () => void): void {
  closer = close;
}

export function closeAnswerStreams(): void {
  closer?.();
}
