import { createContext, useContext, type ReactNode } from 'react';
import type { SessionRights } from '@dws-console/shared';

/** What every page needs to know of the session: whose project it shows, and what the user may do there. */
export interface SessionScopeValue {
  project: { id: string; name: string };
  rights: SessionRights;
}

const SessionScopeContext = createContext<SessionScopeValue | undefined>(undefined);

/**
 * The first part of every query key whose answer belongs to a project: a switch then changes every such key at
 * once, so no page can read the old project's answer under the new project's name, and the old ones can be dropped
 * together (`isOtherProjectKey`).
 */
export function projectKey(projectId: string) {
  return ['project', projectId] as const;
}

export function isOtherProjectKey(queryKey: readonly unknown[], projectId: string): boolean {
  return queryKey[0] === 'project' && queryKey[1] !== projectId;
}

export function SessionScope({ value, children }: { value: SessionScopeValue; children: ReactNode }) {
  return <SessionScopeContext value={value}>{children}</SessionScopeContext>;
}

function useSessionScope(): SessionScopeValue {
  const value = useContext(SessionScopeContext);
  if (!value) throw new Error('useSessionScope must be used inside SessionScope');
  return value;
}

/** The project whose data the page shows. */
export function useProjectId(): string {
  return useSessionScope().project.id;
}

/** The session's project and rights, or undefined outside a logged-in page (the log-in form). */
export function useOptionalSessionScope(): SessionScopeValue | undefined {
  return useContext(SessionScopeContext);
}
