import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { registerClusterRequestSchema, type ClusterBinding } from '@dws-console/shared';
import { useRegisterClusterMutation } from '../api/register-cluster.ts';
import { useChatT, type ChatMessageKey } from '../messages.ts';

export interface ClusterRegistrationProps {
  binding: ClusterBinding;
  clusterName: string;
  /** The cluster's administrator: the database user offered first. */
  userName: string;
  /** Why the session may not register, if it may not. */
  refusal?: string;
}

interface Values {
  username: string;
  password: string;
}

const known: Record<number, ChatMessageKey> = {
  503: 'register.503',
  1001: 'register.1001',
  1002: 'register.1002',
};

/**
 * Offers to register a cluster DBMind does not know yet, right where it is asked about: DBMind needs a database
 * user and password, which go to DBMind through the BFF and are kept nowhere by the console.
 */
export function ClusterRegistration({ binding, clusterName, userName, refusal }: ClusterRegistrationProps) {
  const t = useChatT();
  const [form] = Form.useForm<Values>();
  const register = useRegisterClusterMutation();
  if (!binding.instance) return <Alert type="info" showIcon title={t('bind.noEndpoint')} />;
  if (refusal) return <Alert type="info" showIcon title={t('bind.noRight', { reason: refusal })} />;
  const separator = binding.instance.lastIndexOf(':');
  const host = binding.instance.slice(0, separator).replace(/^\[|\]$/g, '');
  const port = Number(binding.instance.slice(separator + 1));

  const onFinish = (values: Values) => {
    register.mutate(
      { cluster_name: clusterName, host, port, ...values },
      {
        onSuccess: (result) => {
          form.setFieldValue('password', '');
          if (result.status === 0) return;
          const key = known[result.status];
          form.setFields([
            { name: 'password', errors: [key ? t(key) : t('register.failed', { message: result.msg })] },
          ]);
        },
        onError: (error) =>
          form.setFields([{ name: 'password', errors: [t('register.failed', { message: error.message })] }]),
      },
    );
  };

  return (
    <Card size="small" data-testid="cluster-registration" style={{ marginBottom: 12 }}>
      <Typography.Text strong>{t('bind.title')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('bind.explain')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ username: userName }} onFinish={onFinish}>
        <Form.Item
          label={t('register.username')}
          name="username"
          rules={[{ validator: (_, v) => check('username', v) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('register.password')}
          name="password"
          rules={[{ validator: (_, v) => check('password', v) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={register.isPending}>
          {t('register.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The BFF's own rule, so the form refuses what the BFF would, with the same words. */
function check(name: 'username' | 'password', value: unknown): Promise<void> {
  const result = registerClusterRequestSchema.shape[name].safeParse(value);
  return result.success ? Promise.resolve() : Promise.reject(new Error(result.error.issues[0]?.message));
}
