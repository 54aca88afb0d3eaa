import { ChatPage } from '../../features/chat/index.ts';
import { useDiagnosisRequest } from './diagnose-in-chat.ts';

/** The chat page; conversations are the session user's, kept by the BFF. */
export function ChatRoute() {
  const { diagnosis, onAsked } = useDiagnosisRequest();
  return <ChatPage diagnose={diagnosis} onDiagnoseAsked={onAsked} />;
}
