import { ChatPage } from '../../features/chat/index.ts';
import { useSessionQuery } from '../../features/session/index.ts';
import { useDiagnosisRequest } from './diagnose-in-chat.ts';

/** The chat keeps conversations per user; the shell guarantees a session before this renders. */
export function ChatRoute() {
  const session = useSessionQuery();
  const { diagnosis, onAsked } = useDiagnosisRequest();
  if (!session.data) return null;
  return (
    <ChatPage
      userId={`${session.data.domain.id}.${session.data.user.id}`}
      diagnose={diagnosis}
      onDiagnoseAsked={onAsked}
    />
  );
}
