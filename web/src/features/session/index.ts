export { sessionQueryOptions, useSessionQuery } from './api/get-session.ts';
export { useLogOutMutation } from './api/log-out.ts';
export { LoginPage } from './components/login-page.tsx';
