import { BootFrame } from '../../components/boot-frame.tsx';
import { LoginPage } from '../../features/session/index.ts';

export function LoginRoute() {
  return (
    <BootFrame>
      <LoginPage />
    </BootFrame>
  );
}
