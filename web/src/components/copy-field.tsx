import { Typography } from 'antd';
import { useI18n } from '../lib/i18n.tsx';

export interface CopyFieldProps {
  value: string;
  /** Names the value for screen readers ("JDBC URL"). */
  label: string;
  isCode?: boolean;
}

/** A value with a copy button, the way connection strings and request ids are handed to other tools. */
export function CopyField({ value, label, isCode = true }: CopyFieldProps) {
  const { t } = useI18n();
  return (
    <Typography.Text
      code={isCode}
      copyable={{
        text: value,
        tooltips: [`${t('common.copy')} ${label}`, t('common.copied')],
      }}
      style={{ wordBreak: 'break-all' }}
    >
      {value}
    </Typography.Text>
  );
}
