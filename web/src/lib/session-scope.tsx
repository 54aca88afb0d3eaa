import type { Query, QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useLayoutEffect, type ReactNode } from 'react';
import type { SessionRights } from '@dws-console/shared';
import { showProject } from './api-client.ts';

/** What every page needs to know of the session: whose project it shows, and what the user may do there. */
export interface SessionScopeValue {
  project: { id: string; name: string };
  rights: SessionRights;
}

const SessionScopeContext = createContext<SessionScopeValue | undefined>(undefined);

/**
 * The first part of every query key whose answer belongs to a project: a switch then changes every such key at
 * once, so no page can read the old project's answer under the new project's name, and the old ones can be dropped
 * together (`forgetOtherProjects`).
 */
export function projectKey(projectId: string) {
  return ['project', projectId] as const;
}

/** Drops every answer of a project other than `projectId`, cancelling its requests still under way. */
export function forgetOtherProjects(queryClient: QueryClient, projectId: string): void {
  const other = {
    predicate: (query: Query) => query.queryKey[0] === 'project' && query.queryKey[1] !== projectId,
  };
  void queryClient.cancelQueries(other);
  queryClient.removeQueries(other);
}

/** Gives its pages the session's project and rights; the calls they make name that project (`showProject`). */
export function SessionScope({ value, children }: { value: SessionScopeValue; children: ReactNode }) {
  const projectId = value.project.id;
  // Before the pages' own effects start their queries.
  useLayoutEffect(() => showProject(projectId), [projectId]);
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
