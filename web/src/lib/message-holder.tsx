import { message } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';

export interface Notice {
  type: 'success' | 'error';
  content: ReactNode;
}

export interface MessageHolderProps {
  /** Every toast asked for so far, oldest first: each is shown once, when it joins the list. */
  notices: readonly Notice[];
}

/** antd's messages, rendered where the console's theme and language reach them (`MessageApiProvider`). */
export function MessageHolder({ notices }: MessageHolderProps) {
  const [api, holder] = message.useMessage();
  // A count, not a flag per toast: React runs an effect twice in development, which must not show a toast twice.
  const shown = useRef(0);
  useEffect(() => {
    for (const { type, content } of notices.slice(shown.current)) void api[type](content);
    shown.current = notices.length;
  }, [api, notices]);
  return holder;
}
