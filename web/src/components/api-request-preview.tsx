import { Typography } from 'antd';
import { formatApiRequest, type ApiRequest } from '../lib/api-request.ts';
import { useI18n } from '../lib/i18n.tsx';

export interface ApiRequestPreviewProps {
  request: ApiRequest;
}

/** The request a form is about to send, to check or to copy into a script, as some cloud consoles offer. */
export function ApiRequestPreview({ request }: ApiRequestPreviewProps) {
  const { t } = useI18n();
  const text = formatApiRequest(request);
  const title = t('apiRequest.title');
  return (
    <section aria-label={title}>
      <Typography.Title
        level={5}
        copyable={{ text, tooltips: [`${t('common.copy')} ${title}`, t('common.copied')] }}
      >
        {title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('apiRequest.hint')}</Typography.Paragraph>
      <Typography.Paragraph>
        {/* Focusable, so that a long request scrolls from the keyboard too. */}
        <pre data-testid="api-request" tabIndex={0} style={{ maxHeight: 320, overflow: 'auto' }}>
          {text}
        </pre>
      </Typography.Paragraph>
    </section>
  );
}
