import { useState } from 'react';
import { Alert, AutoComplete, Button, Card, Form, Input, Typography } from 'antd';
import {
  bffErrorCodes,
  isSsoRefusal,
  loginRequestSchema,
  ssoPaths,
  type LoginRequest,
} from '@dws-console/shared';
import { ApiError } from '../../../lib/api-client.ts';
import { errorText } from '../../../lib/error-text.ts';
import { useLocation, useNavigate } from 'react-router';
import { useI18n } from '../../../lib/i18n.tsx';
import { useSignInOptionsQuery } from '../api/get-sign-in-options.ts';
import { useLogInMutation } from '../api/log-in.ts';
import { useSessionT } from '../messages.ts';
import { MfaCodeForm } from './mfa-code-form.tsx';

/** Suggestions only: any project (region) name the account has may be typed. */
const suggestedProjects = ['ae-ad-1', 'ae-ad-2'];

/** Where to go after log-in: the page the user asked for, if it is one of ours. */
function returnPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const sessionT = useSessionT();
  const logIn = useLogInMutation();
  // Until the console says otherwise (or if it cannot), the password form is offered as it always was.
  const options = useSignInOptionsQuery().data ?? { password: true };
  const ssoRefusal = new URLSearchParams(location.search).get('sso');
  /** The password step's values while the user's virtual MFA code is asked for; sent again with it. */
  const [mfaStep, setMfaStep] = useState<LoginRequest>();

  const send = (credentials: LoginRequest) => {
    logIn.mutate(credentials, {
      onSuccess: () => void navigate(returnPath(location.search), { replace: true }),
      onError: (error) => {
        if (error instanceof ApiError && error.code === bffErrorCodes.mfaRequired) {
          logIn.reset();
          setMfaStep(credentials);
        }
      },
    });
  };

  const onFinish = (values: LoginRequest) => {
    const parsed = loginRequestSchema.safeParse(values);
    if (parsed.success) send(parsed.data);
  };

  const errorMessage = (error: Error) => {
    if (!(error instanceof ApiError)) return errorText(error, locale).message;
    if (error.code === bffErrorCodes.loginFailed) return t('login.failed');
    if (error.code === bffErrorCodes.tooManyRequests) return t('login.throttled');
    if (error.code === bffErrorCodes.mfaCodeWrong) return sessionT('mfa.wrong');
    if (error.code === bffErrorCodes.mfaCodeUsed) return sessionT('mfa.used');
    if (error.code === bffErrorCodes.mfaCodeExpired) return sessionT('mfa.expired');
    return error.message;
  };

  const required = (field: string) => [{ required: true, message: t('login.required', { field }) }];

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 24 }}>
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        {isSsoRefusal(ssoRefusal) && !logIn.error && (
          <Alert
            type="error"
            showIcon
            message={sessionT(`sso.${ssoRefusal}`)}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        {options.sso && !mfaStep && (
          <Button
            type={options.password ? 'default' : 'primary'}
            block
            href={`${ssoPaths.start}?next=${encodeURIComponent(returnPath(location.search))}`}
            style={{ marginBottom: options.password ? 24 : 0 }}
          >
            {sessionT('sso.signIn', { name: options.sso.name })}
          </Button>
        )}
        {logIn.error && (
          <Alert
            type="error"
            showIcon
            message={errorMessage(logIn.error)}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        {mfaStep && (
          <MfaCodeForm
            isPending={logIn.isPending}
            onSubmit={(passcode) => send({ ...mfaStep, passcode })}
            onBack={() => {
              logIn.reset();
              setMfaStep(undefined);
            }}
          />
        )}
        {options.password && (
          <Form<LoginRequest>
            hidden={mfaStep !== undefined}
            layout="vertical"
            onFinish={onFinish}
            initialValues={{ domain: 'demo', project: 'ae-ad-1' }}
            requiredMark={false}
          >
            <Form.Item label={t('login.domain')} name="domain" rules={required(t('login.domain'))}>
              <Input autoComplete="organization" />
            </Form.Item>
            <Form.Item label={t('login.username')} name="username" rules={required(t('login.username'))}>
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item label={t('login.password')} name="password" rules={required(t('login.password'))}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item label={t('login.project')} name="project" rules={required(t('login.project'))}>
              <AutoComplete options={suggestedProjects.map((p) => ({ value: p }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={logIn.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
