import { useEffect, useRef } from 'react';
import type { Chat } from './use-chat.ts';

/** An alarm to diagnose: `query` is DBMind's alarm JSON, `shown` what the conversation shows. */
export interface Diagnosis {
  query: string;
  shown: string;
}

/**
 * Asks a handed-over alarm once, in a conversation of its own in fault-diagnosis mode, once the session's rights
 * are known (asking before then would drop it).
 */
export function useDiagnosis(chat: Chat, diagnose: Diagnosis | undefined, onAsked?: () => void) {
  const asked = useRef<string>(undefined);
  useEffect(() => {
    if (!diagnose || !chat.rights.known || asked.current === diagnose.query) return;
    asked.current = diagnose.query;
    void chat.send(diagnose.query, 'fault_diagnostic', diagnose.shown, true);
    onAsked?.();
  });
}
