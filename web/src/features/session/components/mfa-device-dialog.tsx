import { Alert, Button, Form, Input, Modal, QRCode, Result, Spin, Typography } from 'antd';
import { totpPasscodeSchema } from '@dws-console/shared';
import type { useBindMfaDeviceMutation, useCreateMfaDeviceMutation } from '../api/mfa-device.ts';
import { useSessionT } from '../messages.ts';

interface Codes {
  firstCode: string;
  secondCode: string;
}

export interface MfaDeviceDialogProps {
  isOpen: boolean;
  onClose: () => void;
  create: ReturnType<typeof useCreateMfaDeviceMutation>;
  bind: ReturnType<typeof useBindMfaDeviceMutation>;
}

/** The steps of binding a device: scan the new device's QR code (or type its secret), confirm two consecutive codes. */
export function MfaDeviceDialog({ isOpen, onClose, create, bind }: MfaDeviceDialogProps) {
  const t = useSessionT();
  const device = create.data;
  const codeRule = {
    validator: (_rule: unknown, value: unknown) =>
      totpPasscodeSchema.safeParse(value).success
        ? Promise.resolve()
        : Promise.reject(new Error(t('mfa.format'))),
  };
  const error = create.error ?? bind.error;

  return (
    <Modal open={isOpen} title={t('device.title')} footer={null} destroyOnHidden onCancel={onClose}>
      {error && (
        <Alert type="error" showIcon role="alert" message={error.message} style={{ marginBottom: 16 }} />
      )}
      {bind.isSuccess ? (
        <Result status="success" title={t('device.bound')} />
      ) : !device ? (
        create.isPending && <Spin />
      ) : (
        <>
          <Typography.Paragraph>{t('device.scan')}</Typography.Paragraph>
          <QRCode value={device.uri} style={{ margin: '0 auto 12px' }} />
          <Typography.Paragraph>
            {t('device.secret')}{' '}
            <Typography.Text code copyable>
              {device.secret}
            </Typography.Text>
          </Typography.Paragraph>
          <Form<Codes>
            layout="vertical"
            requiredMark={false}
            onFinish={(codes) => bind.mutate({ serialNumber: device.serialNumber, ...codes })}
          >
            <Form.Item label={t('device.first')} name="firstCode" rules={[codeRule]}>
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
            </Form.Item>
            <Form.Item label={t('device.second')} name="secondCode" rules={[codeRule]}>
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={bind.isPending}>
              {t('device.bind')}
            </Button>
          </Form>
        </>
      )}
    </Modal>
  );
}
