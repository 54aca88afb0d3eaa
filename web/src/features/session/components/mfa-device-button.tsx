import { lazy, Suspense, useState } from 'react';
import { SafetyOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useBindMfaDeviceMutation, useCreateMfaDeviceMutation } from '../api/mfa-device.ts';
import { useSessionT } from '../messages.ts';

// The dialog (a form, a QR code, a result) is in the header of every page but opened on few visits: its code loads
// when it is first opened, not with the shell.
const MfaDeviceDialog = lazy(() =>
  import('./mfa-device-dialog.tsx').then((m) => ({ default: m.MfaDeviceDialog })),
);

/** Binds a virtual MFA device to the signed-in user: create it, scan its QR code, confirm two consecutive codes. */
export function MfaDeviceButton() {
  const t = useSessionT();
  const [isOpen, setOpen] = useState(false);
  const [wasOpened, setWasOpened] = useState(false);
  const create = useCreateMfaDeviceMutation();
  const bind = useBindMfaDeviceMutation();

  const onOpen = () => {
    setOpen(true);
    setWasOpened(true);
    bind.reset();
    create.mutate();
  };

  return (
    <>
      <Button type="text" icon={<SafetyOutlined />} onClick={onOpen}>
        {t('device.open')}
      </Button>
      {wasOpened && (
        <Suspense fallback={null}>
          <MfaDeviceDialog isOpen={isOpen} onClose={() => setOpen(false)} create={create} bind={bind} />
        </Suspense>
      )}
    </>
  );
}
