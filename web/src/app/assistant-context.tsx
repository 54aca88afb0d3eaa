import { createContext, useContext } from 'react';
import type { Diagnosis } from '../features/chat/hooks/use-diagnosis.ts';

/** What a page may ask of the assistant panel in the shell: open it, optionally to diagnose an alarm. */
export interface AssistantControl {
  open: (diagnosis?: Diagnosis) => void;
}

export const AssistantContext = createContext<AssistantControl>({ open: () => undefined });

export function useAssistant(): AssistantControl {
  return useContext(AssistantContext);
}
