import { LoginPage } from '../../features/session/index.ts';

export function LoginRoute() {
  return <LoginPage />;
}
