import { Form, Input, InputNumber, Modal } from 'antd';
import { registerClusterRequestSchema, type RegisterClusterRequest } from '@dws-console/shared';
import { useRegisterClusterMutation } from '../api/register-cluster.ts';
import { useChatT, type ChatMessageKey } from '../messages.ts';
import { useMessageApi } from '../../../lib/message-api.tsx';

export interface RegisterClusterDialogProps {
  open: boolean;
  onClose: () => void;
}

/** zod rules as antd validators, so the dialog refuses what the BFF would refuse, with the same words. */
function rule(name: keyof RegisterClusterRequest) {
  return {
    validator: (_: unknown, value: unknown) => {
      const result = registerClusterRequestSchema.shape[name].safeParse(value);
      return result.success
        ? Promise.resolve()
        : Promise.reject(new Error(result.error.issues[0]?.message ?? 'invalid'));
    },
  };
}

export function RegisterClusterDialog({ open, onClose }: RegisterClusterDialogProps) {
  const t = useChatT();
  const message = useMessageApi();
  const [form] = Form.useForm<RegisterClusterRequest>();
  const register = useRegisterClusterMutation();

  const onFinish = (values: RegisterClusterRequest) => {
    register.mutate(values, {
      onSuccess: (result) => {
        if (result.status === 0) {
          void message.success(t('register.ok'));
          form.resetFields();
          onClose();
          return;
        }
        const known: Record<number, ChatMessageKey> = {
          503: 'register.503',
          1001: 'register.1001',
          1002: 'register.1002',
        };
        const key = known[result.status];
        form.setFields([
          {
            name: result.status === 1002 ? 'cluster_name' : 'host',
            errors: [key ? t(key) : t('register.failed', { message: result.msg })],
          },
        ]);
      },
      onError: (error) => void message.error(t('register.failed', { message: error.message })),
    });
  };

  return (
    <Modal
      open={open}
      title={t('register.title')}
      okText={t('register.submit')}
      confirmLoading={register.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ host: '127.0.0.1' }}>
        <Form.Item label={t('register.clusterName')} name="cluster_name" rules={[rule('cluster_name')]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('register.host')} name="host" rules={[rule('host')]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('register.port')} name="port" rules={[rule('port')]}>
          <InputNumber min={1} max={65535} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('register.username')} name="username" rules={[rule('username')]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('register.password')} name="password" rules={[rule('password')]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
