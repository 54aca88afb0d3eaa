import { useEffect, useState } from 'react';
import { Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { ssoPaths, type SessionInfo } from '@dws-console/shared';
import { useI18n } from '../../../lib/i18n.tsx';
import { useContinueSessionMutation } from '../api/continue-session.ts';
import { sessionKeys } from '../api/keys.ts';
import { useSessionT } from '../messages.ts';

/** How long before the session's end the console asks whether to continue: time to finish what one is typing. */
export const warnBeforeMs = 5 * 60_000;

export interface SessionEndWarningProps {
  session: Pick<SessionInfo, 'expiresAt' | 'isIdleEnd' | 'signedInWith'>;
}

/**
 * A few minutes before the session ends, offers to continue. An idle end moves with any use of the console, so
 * the session is asked again first (the person may have worked in another tab) and continuing only says the
 * person is here. At the token's or the absolute end, a single sign-on session signs in again at the identity
 * provider, which usually asks nothing while its own session lasts, and comes back to this page; a password
 * session goes through the log-in form and back. Either way nothing fails midway with a bare refusal.
 */
export function SessionEndWarning({ session }: SessionEndWarningProps) {
  const t = useSessionT();
  const { locale } = useI18n();
  const location = useLocation();
  const queryClient = useQueryClient();
  const continueSession = useContinueSessionMutation();
  const endsAt = Date.parse(session.expiresAt);
  // Not due before the session has been asked again: a person active in another tab has moved its idle end.
  const [now, setNow] = useState(0);
  const [dismissedFor, setDismissedFor] = useState<string>();

  useEffect(() => {
    const timer = setTimeout(
      () => {
        void queryClient
          .refetchQueries({ queryKey: sessionKeys.current() })
          .finally(() => setNow(Date.now()));
      },
      Math.max(0, endsAt - warnBeforeMs - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [endsAt, queryClient]);

  const isDue = now >= endsAt - warnBeforeMs && dismissedFor !== session.expiresAt;
  const here = encodeURIComponent(`${location.pathname}${location.search}`);
  // A navigation, not a call: the sign-in leaves the page, and the new session brings the person back to it.
  const next = session.signedInWith === 'sso' ? `${ssoPaths.start}?next=${here}` : `/login?next=${here}`;
  const time = new Date(endsAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const message = session.isIdleEnd
    ? 'end.idle'
    : session.signedInWith === 'sso'
      ? 'end.sso'
      : 'end.password';

  return (
    <Modal
      open={isDue}
      title={t('end.title')}
      okText={t('end.continue')}
      cancelText={t('end.later')}
      okButtonProps={session.isIdleEnd ? { loading: continueSession.isPending } : { href: next }}
      onOk={session.isIdleEnd ? () => continueSession.mutate() : undefined}
      destroyOnHidden
      onCancel={() => setDismissedFor(session.expiresAt)}
    >
      {t(message, { time })}
    </Modal>
  );
}
