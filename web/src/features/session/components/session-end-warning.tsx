import { useEffect, useState } from 'react';
import { Modal } from 'antd';
import { useLocation } from 'react-router';
import { ssoPaths, type SessionInfo } from '@dws-console/shared';
import { useI18n } from '../../../lib/i18n.tsx';
import { useSessionT } from '../messages.ts';

/** How long before the session's end the console asks whether to continue: time to finish what one is typing. */
export const warnBeforeMs = 5 * 60_000;

export interface SessionEndWarningProps {
  session: Pick<SessionInfo, 'expiresAt' | 'signedInWith'>;
}

/**
 * A few minutes before the session ends (its token's or its absolute end), offers to continue: a single sign-on
 * session signs in again at the identity provider, which usually asks nothing while its own session lasts, and
 * comes back to this page; a password session goes through the log-in form and back. Either way nothing fails
 * midway with a bare refusal.
 */
export function SessionEndWarning({ session }: SessionEndWarningProps) {
  const t = useSessionT();
  const { locale } = useI18n();
  const location = useLocation();
  const endsAt = Date.parse(session.expiresAt);
  const [now, setNow] = useState(() => Date.now());
  const [dismissedFor, setDismissedFor] = useState<string>();

  useEffect(() => {
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, endsAt - warnBeforeMs - Date.now()));
    return () => clearTimeout(timer);
  }, [endsAt]);

  const isDue = now >= endsAt - warnBeforeMs && dismissedFor !== session.expiresAt;
  const here = encodeURIComponent(`${location.pathname}${location.search}`);
  // A navigation, not a call: the sign-in leaves the page, and the new session brings the person back to it.
  const next = session.signedInWith === 'sso' ? `${ssoPaths.start}?next=${here}` : `/login?next=${here}`;
  const time = new Date(endsAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });

  return (
    <Modal
      open={isDue}
      title={t('end.title')}
      okText={t('end.continue')}
      cancelText={t('end.later')}
      okButtonProps={{ href: next }}
      destroyOnHidden
      onCancel={() => setDismissedFor(session.expiresAt)}
    >
      {t(session.signedInWith === 'sso' ? 'end.sso' : 'end.password', { time })}
    </Modal>
  );
}
