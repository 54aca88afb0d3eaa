export { ChatPage } from './components/chat-page.tsx';
export { forgetConversations } from './hooks/conversation-store.ts';
