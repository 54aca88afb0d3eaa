import { Alert } from 'antd';
import type { useChatRights } from '../hooks/use-chat.ts';

/** Why asking or registering is not offered, beside what it disables. */
export function ChatAccessAlert({ rights }: { rights: ReturnType<typeof useChatRights> }) {
  const { askRefusal, registerRefusal } = rights;
  if (!askRefusal && !registerRefusal) return null;
  return (
    <Alert
      data-testid="chat-access"
      type={askRefusal ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      title={askRefusal ?? registerRefusal}
      description={askRefusal && registerRefusal ? registerRefusal : undefined}
    />
  );
}
