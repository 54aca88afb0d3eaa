import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { ConfigProvider, Tooltip } from 'antd';
import { useContext, useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n.tsx';

/*
 * antd's Typography as its prebuilt stylesheet draws it (the console imports antd.css whole), without its code:
 * Typography's text always brings the ellipsis measuring, editing and copying machinery, 5.5 KiB gzipped, into the
 * shell and the clusters list every visit starts on. The markup and class names are antd's own, so the text looks
 * and follows the theme as antd's does; pages that need more (ellipsis with rows, editing) use antd's.
 */

/** The class antd's stylesheet styles `component` under (`ant-typography`, `ant-badge`), with the app's prefix. */
export function useAntdClass(component: string): string {
  return useContext(ConfigProvider.ConfigContext).getPrefixCls(component);
}

const useTypographyClass = () => useAntdClass('typography');

export interface PlainTextProps {
  type?: 'secondary' | 'warning' | 'danger' | 'success';
  isStrong?: boolean;
  style?: CSSProperties;
  title?: string;
  /** A paragraph (`Typography.Paragraph`): a block with antd's space below it. */
  isBlock?: boolean;
  children: ReactNode;
}

/** `Typography.Text` with a type or strong, or `Typography.Paragraph`. */
export function PlainText({ type, isStrong, style, title, isBlock, children }: PlainTextProps) {
  const cls = useTypographyClass();
  const Element = isBlock ? 'div' : 'span';
  return (
    <Element className={type ? `${cls} ${cls}-${type}` : cls} style={style} title={title}>
      {isStrong ? <strong>{children}</strong> : children}
    </Element>
  );
}

export interface PlainTitleProps {
  level: 1 | 2 | 3 | 4 | 5;
  style?: CSSProperties;
  children: ReactNode;
}

/** `Typography.Title`. */
export function PlainTitle({ level, style, children }: PlainTitleProps) {
  const Heading = `h${level}` as const;
  return (
    <Heading className={useTypographyClass()} style={style}>
      {children}
    </Heading>
  );
}

export interface CopyableTextProps {
  text: string;
  /** What the copy button's tooltip says before copying; antd's "Copy" by default. */
  copyLabel?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** How long the button says "Copied", as antd's does. */
const copiedMs = 3_000;

/** `Typography.Text copyable`: the text and a button that puts it on the clipboard. */
export function CopyableText({ text, copyLabel, style, 'data-testid': testId }: CopyableTextProps) {
  const cls = useTypographyClass();
  const { t } = useI18n();
  const [isCopied, setCopied] = useState(false);
  useEffect(() => {
    if (!isCopied) return;
    const timer = setTimeout(() => setCopied(false), copiedMs);
    return () => clearTimeout(timer);
  }, [isCopied]);
  const tip = isCopied ? t('common.copied') : (copyLabel ?? t('common.copy'));
  return (
    <span className={cls} style={style} data-testid={testId}>
      {text}
      <Tooltip title={tip}>
        <button
          type="button"
          className={isCopied ? `${cls}-copy ${cls}-copy-success` : `${cls}-copy`}
          aria-label={tip}
          onClick={(event) => {
            // A click on the button is not a click on the row or cell around it.
            event.stopPropagation();
            // Refused (the page lost the focus, or the permission was denied): the button keeps offering to copy.
            navigator.clipboard.writeText(text).then(
              () => setCopied(true),
              () => undefined,
            );
          }}
        >
          {isCopied ? <CheckOutlined /> : <CopyOutlined />}
        </button>
      </Tooltip>
    </span>
  );
}
