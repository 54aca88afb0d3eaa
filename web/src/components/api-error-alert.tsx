import { Alert } from 'antd';
import { errorText } from '../lib/error-text.ts';
import { useI18n } from '../lib/i18n.tsx';
import { CopyableText, PlainText } from './plain-typography.tsx';

export interface ApiErrorAlertProps {
  error: unknown;
  style?: React.CSSProperties;
}

/** Every failed call is shown the same way: message in the user's language, the code, the request id to quote. */
export function ApiErrorAlert({ error, style }: ApiErrorAlertProps) {
  const { t, locale } = useI18n();
  const text = errorText(error, locale);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={style}
      title={text.message}
      description={
        <PlainText type="secondary" style={{ fontSize: 12 }}>
          {t('common.errorCode')}: {text.code}
          {text.requestId && (
            <>
              {' · '}
              {t('error.requestId')}:{' '}
              <CopyableText text={text.requestId} style={{ fontSize: 12 }} data-testid="request-id" />
            </>
          )}
        </PlainText>
      }
    />
  );
}
