import { Button, Form, Input, Space, Typography } from 'antd';
import { totpPasscodeSchema } from '@dws-console/shared';
import { useSessionT } from '../messages.ts';

export interface MfaCodeFormProps {
  isPending: boolean;
  onSubmit: (passcode: string) => void;
  onBack: () => void;
}

/** The log-in's second step for a user whose log-ins a virtual MFA device protects. */
export function MfaCodeForm({ isPending, onSubmit, onBack }: MfaCodeFormProps) {
  const t = useSessionT();
  return (
    <Form<{ passcode: string }>
      layout="vertical"
      requiredMark={false}
      onFinish={({ passcode }) => onSubmit(passcode)}
    >
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('mfa.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('mfa.hint')}</Typography.Paragraph>
      <Form.Item
        label={t('mfa.code')}
        name="passcode"
        rules={[
          {
            validator: (_rule, value: unknown) =>
              totpPasscodeSchema.safeParse(value).success
                ? Promise.resolve()
                : Promise.reject(new Error(t('mfa.format'))),
          },
        ]}
      >
        <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} autoFocus />
      </Form.Item>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button type="primary" htmlType="submit" block loading={isPending}>
          {t('mfa.submit')}
        </Button>
        <Button block onClick={onBack} disabled={isPending}>
          {t('mfa.back')}
        </Button>
      </Space>
    </Form>
  );
}
