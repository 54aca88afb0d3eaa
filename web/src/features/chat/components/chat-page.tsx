import { useState } from 'react';
import { useConversationsQuery, useCreateConversationMutation } from '../api/conversations.ts';
import { useChat } from '../hooks/use-chat.ts';
import { useDiagnosis, type Diagnosis } from '../hooks/use-diagnosis.ts';
import { useChatT } from '../messages.ts';
import { ChatAccessAlert } from './chat-access-alert.tsx';
import { ChatInput } from './chat-input.tsx';
import { ChatToolbar } from './chat-toolbar.tsx';
import { ConversationList } from './conversation-list.tsx';
import { ConversationView } from './conversation-view.tsx';
import './chat-layout.css';

export interface ChatPageProps {
  /** An alarm to diagnose in a new conversation. */
  diagnose?: Diagnosis;
  /** Called once the diagnosis has been asked, so that it is not asked again. */
  onDiagnoseAsked?: () => void;
}

/** The chat page, for long work: every conversation of the user, and all the settings of the open one. */
export function ChatPage({ diagnose, onDiagnoseAsked }: ChatPageProps) {
  const t = useChatT();
  const conversations = useConversationsQuery();
  const [chosen, setChosen] = useState<string | null>();
  // The most recent conversation opens unless the user chose one, or chose to start a new one (null).
  const activeId = chosen === undefined ? conversations.data?.[0]?.id : (chosen ?? undefined);
  const chat = useChat({ conversationId: activeId, onStarted: setChosen });
  useDiagnosis(chat, diagnose, onDiagnoseAsked);
  const create = useCreateConversationMutation();
  // A new conversation that was never asked anything is opened again rather than added once more; one that was
  // given a name of its own (another page, the API) is not "new", and its first question would not rename it.
  const unused = conversations.data?.find(
    (c) => c.turn_count === 0 && !c.cluster_id && c.title === t('untitled'),
  );

  return (
    <div className="chat-page">
      <ConversationList
        conversations={conversations.data ?? []}
        activeId={activeId}
        onOpen={(id) => setChosen(id ?? null)}
        onNew={() => {
          if (unused) setChosen(unused.id);
          else if (!create.isPending)
            create.mutate({ title: t('untitled') }, { onSuccess: (created) => setChosen(created.id) });
        }}
      />
      <div className="chat-column">
        <ChatToolbar conversation={chat.conversation} rights={chat.rights} />
        <ChatAccessAlert rights={chat.rights} />
        <ConversationView chat={chat} />
        <ChatInput
          suggestions={[t('suggest.index'), t('suggest.alarms'), t('suggest.topSql')]}
          showSuggestions={!chat.conversation || chat.conversation.turns.length === 0}
          disabled={!chat.rights.canAsk}
          onSend={(question) => void chat.send(question)}
        />
      </div>
    </div>
  );
}
