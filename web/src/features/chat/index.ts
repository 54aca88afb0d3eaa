export { ChatPage } from './components/chat-page.tsx';
export { AssistantPanel, type PanelCluster } from './components/assistant-panel.tsx';
export type { Diagnosis } from './hooks/use-diagnosis.ts';
export { closeAnswerStreams } from './hooks/close-streams.ts';
