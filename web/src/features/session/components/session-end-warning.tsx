import { lazy, Suspense, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@dws-console/shared';
import { whenIdle } from '../../../lib/when-idle.ts';
import { sessionQueryOptions } from '../api/get-session.ts';

/** How long before the session's end the console asks whether to continue: time to finish what one is typing. */
export const warnBeforeMs = 5 * 60_000;

// Every page's shell holds the warning, but it shows on few visits: its dialog (antd's Modal, which brings its
// Skeleton) and the formatting of the end time wait until it is due. The code comes in while the browser is idle
// after the first paint, so a console left open across a new release still has the dialog it needs.
const loadSessionEndDialog = () => import('./session-end-dialog.tsx');
const SessionEndDialog = lazy(() => loadSessionEndDialog().then((m) => ({ default: m.SessionEndDialog })));

export interface SessionEndWarningProps {
  session: Pick<SessionInfo, 'expiresAt' | 'isIdleEnd' | 'signedInWith'>;
}

/**
 * A few minutes before the session ends, offers to continue (`SessionEndDialog`). An idle end moves with any use
 * of the console, so the session is asked again first: the person may have worked in another tab.
 */
export function SessionEndWarning({ session }: SessionEndWarningProps) {
  const queryClient = useQueryClient();
  const endsAt = Date.parse(session.expiresAt);
  // Not due before the session has been asked again: a person active in another tab has moved its idle end. The
  // answer is compared by its end, as it reaches this component a render after the refetch has settled.
  const [checked, setChecked] = useState<{ expiresAt?: string; at: number }>();
  const [dismissedFor, setDismissedFor] = useState<string>();
  // Once shown, the dialog stays mounted, so it closes with its motion and gives the focus back.
  const [wasShown, setWasShown] = useState(false);

  useEffect(() => whenIdle(() => void loadSessionEndDialog()), []);
  useEffect(() => {
    const timer = setTimeout(
      () => {
        const { queryKey } = sessionQueryOptions();
        void queryClient
          .refetchQueries({ queryKey })
          .finally(() =>
            setChecked({ expiresAt: queryClient.getQueryData(queryKey)?.expiresAt, at: Date.now() }),
          );
      },
      Math.max(0, endsAt - warnBeforeMs - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [endsAt, queryClient]);

  const isDue =
    checked?.expiresAt === session.expiresAt &&
    checked.at >= endsAt - warnBeforeMs &&
    dismissedFor !== session.expiresAt;
  if (isDue && !wasShown) setWasShown(true);
  if (!wasShown) return null;
  return (
    <Suspense fallback={null}>
      <SessionEndDialog session={session} isOpen={isDue} onLater={() => setDismissedFor(session.expiresAt)} />
    </Suspense>
  );
}
