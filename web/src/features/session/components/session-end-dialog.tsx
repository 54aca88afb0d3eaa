import { Modal } from 'antd';
import { useLocation } from 'react-router';
import { ssoPaths, type SessionInfo } from '@dws-console/shared';
import { useI18n } from '../../../lib/i18n.tsx';
import { useContinueSessionMutation } from '../api/continue-session.ts';
import { useSessionT } from '../messages.ts';

export interface SessionEndDialogProps {
  session: Pick<SessionInfo, 'expiresAt' | 'isIdleEnd' | 'signedInWith'>;
  isOpen: boolean;
  onLater: () => void;
}

/**
 * An idle end moves with any use of the console, so continuing only says the person is here. At the token's or
 * the absolute end, a single sign-on session signs in again at the identity provider, which usually asks nothing
 * while its own session lasts, and comes back to this page; a password session goes through the log-in form and
 * back. Either way nothing fails midway with a bare refusal.
 */
export function SessionEndDialog({ session, isOpen, onLater }: SessionEndDialogProps) {
  const t = useSessionT();
  const { locale } = useI18n();
  const location = useLocation();
  const continueSession = useContinueSessionMutation();
  const here = encodeURIComponent(`${location.pathname}${location.search}`);
  // A navigation, not a call: the sign-in leaves the page, and the new session brings the person back to it.
  const next = session.signedInWith === 'sso' ? `${ssoPaths.start}?next=${here}` : `/login?next=${here}`;
  const time = new Date(session.expiresAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const message = session.isIdleEnd
    ? 'end.idle'
    : session.signedInWith === 'sso'
      ? 'end.sso'
      : 'end.password';

  return (
    <Modal
      open={isOpen}
      title={t('end.title')}
      okText={t('end.continue')}
      cancelText={t('end.later')}
      okButtonProps={session.isIdleEnd ? { loading: continueSession.isPending } : { href: next }}
      onOk={session.isIdleEnd ? () => continueSession.mutate() : undefined}
      destroyOnHidden
      onCancel={onLater}
    >
      {t(message, { time })}
    </Modal>
  );
}
