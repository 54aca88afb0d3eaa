import { theme } from 'antd';
import { createContext, lazy, Suspense, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Notice } from './message-holder.tsx';

/** The toasts the console shows: a change done, or one that failed. */
export interface MessageApi {
  success: (content: ReactNode) => void;
  error: (content: ReactNode) => void;
}

const MessageApiContext = createContext<MessageApi | undefined>(undefined);

// antd's messages (and the notification code under them) load with the first toast, not with the first page.
const MessageHolder = lazy(() => import('./message-holder.tsx').then((m) => ({ default: m.MessageHolder })));

/**
 * What antd's `App` gives the console, without the modal and notification hooks that `App` always bundles
 * (about 15 KiB of gzipped JavaScript in the shell): themed messages, and the base text style of `.ant-app`
 * for text outside antd components.
 */
export function MessageApiProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<readonly Notice[]>([]);
  const api = useMemo<MessageApi>(
    () => ({
      success: (content) => setNotices((shown) => [...shown, { type: 'success', content }]),
      error: (content) => setNotices((shown) => [...shown, { type: 'error', content }]),
    }),
    [],
  );
  const { token } = theme.useToken();
  return (
    <MessageApiContext.Provider value={api}>
      <div
        style={{
          color: token.colorText,
          fontSize: token.fontSize,
          lineHeight: token.lineHeight,
          fontFamily: token.fontFamily,
        }}
      >
        {notices.length > 0 && (
          <Suspense fallback={null}>
            <MessageHolder notices={notices} />
          </Suspense>
        )}
        {children}
      </div>
    </MessageApiContext.Provider>
  );
}

/** Success and failure toasts that follow the console's theme and language. */
export function useMessageApi(): MessageApi {
  const api = useContext(MessageApiContext);
  if (!api) throw new Error('useMessageApi must be used inside MessageApiProvider');
  return api;
}
