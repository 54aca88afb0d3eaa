// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { bffErrorCodes } from '@dws-console/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../testing/render.tsx';
import { LoginPage } from './login-page.tsx';

const fetchMock = vi.fn<typeof fetch>();
/** What the console says of its ways in (`GET /api/session/sign-in`), apart from the log-in calls under test. */
let signInOptions: unknown;

beforeEach(() => {
  fetchMock.mockReset();
  signInOptions = { password: true };
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
    input === '/api/session/sign-in'
      ? Promise.resolve(
          new Response(JSON.stringify(signInOptions), { headers: { 'Content-Type': 'application/json' } }),
        )
      : fetchMock(input, init),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const refusal = (status: number, code: string) =>
  new Response(JSON.stringify({ error_code: code, error_msg: 'refused', request_id: 'r1' }), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

function submit(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('IAM 用户名'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('密码'), { target: { value: password } });
  fireEvent.click(screen.getByText(/^登\s*录$/).closest('button')!);
}

describe('LoginPage', () => {
  it(
    'sends the account, user, password and project, and says nothing more than "wrong" on a refusal',
    { timeout: 60_000 },
    async () => {
      fetchMock.mockResolvedValue(refusal(401, bffErrorCodes.loginFailed));
      renderWithProviders(<LoginPage />);
      submit('admin', 'not-the-password');
      expect(await screen.findByText('账号名、用户名、密码或项目不正确。')).toBeTruthy();
      const [url, init] = fetchMock.mock.calls[0]!;
      expect(url as string).toBe('/api/session');
      expect(init?.method).toBe('POST');
      expect(JSON.parse(init?.body as string)).toEqual({
        domain: 'demo',
        username: 'admin',
        password: 'not-the-password',
        project: 'ae-ad-1',
      });
    },
  );

  it('tells a user who tried too often to wait', { timeout: 60_000 }, async () => {
    fetchMock.mockResolvedValue(refusal(429, bffErrorCodes.tooManyRequests));
    renderWithProviders(<LoginPage />);
    submit('viewer', 'Viewer@12345');
    expect(await screen.findByText('登录失败次数过多，请稍后再试。')).toBeTruthy();
  });

  it(
    'asks a user protected by virtual MFA for the code, sends it with the password, and says when it is wrong',
    { timeout: 60_000 },
    async () => {
      fetchMock
        .mockResolvedValueOnce(refusal(401, bffErrorCodes.mfaRequired))
        .mockResolvedValueOnce(refusal(401, bffErrorCodes.mfaCodeUsed));
      renderWithProviders(<LoginPage />);
      submit('mfa-admin', 'MfaAdmin@12345');
      const code = await screen.findByLabelText('验证码');
      expect(code.getAttribute('autocomplete')).toBe('one-time-code');
      expect(screen.queryByRole('alert')).toBeNull();
      fireEvent.change(code, { target: { value: '123456' } });
      fireEvent.click(screen.getByText('验证并登录').closest('button')!);
      expect(await screen.findByText('该验证码已使用过，请等待下一个验证码。')).toBeTruthy();
      expect(JSON.parse(fetchMock.mock.calls[1]![1]?.body as string)).toEqual({
        domain: 'demo',
        username: 'mfa-admin',
        password: 'MfaAdmin@12345',
        project: 'ae-ad-1',
        passcode: '123456',
      });
    },
  );

  it('offers single sign-on as a link to the console’s start, keeping the page to return to', async () => {
    signInOptions = { password: true, sso: { name: 'Corp IdP' } };
    renderWithProviders(<LoginPage />);
    const link = await screen.findByRole('link', { name: '使用 Corp IdP 登录' });
    expect(link.getAttribute('href')).toBe('/api/session/sso/start?next=%2F');
    expect(screen.getByLabelText('密码')).toBeTruthy();
  });

  it('shows no password form when the console turned it off', async () => {
    signInOptions = { password: false, sso: { name: 'Corp IdP' } };
    renderWithProviders(<LoginPage />);
    await screen.findByRole('link', { name: '使用 Corp IdP 登录' });
    expect(screen.queryByLabelText('密码')).toBeNull();
  });
});
