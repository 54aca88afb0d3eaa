import { message, theme } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { createContext, useContext, type ReactNode } from 'react';

const MessageApiContext = createContext<MessageInstance | undefined>(undefined);

/**
 * What antd's `App` gives the console, without the modal and notification hooks that `App` always bundles
 * (about 15 KiB of gzipped JavaScript in the shell): themed messages, and the base text style of `.ant-app`
 * for text outside antd components.
 */
export function MessageApiProvider({ children }: { children: ReactNode }) {
  const [api, holder] = message.useMessage();
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
        {holder}
        {children}
      </div>
    </MessageApiContext.Provider>
  );
}

/** Success and failure toasts that follow the console's theme and language. */
export function useMessageApi(): MessageInstance {
  const api = useContext(MessageApiContext);
  if (!api) throw new Error('useMessageApi must be used inside MessageApiProvider');
  return api;
}
