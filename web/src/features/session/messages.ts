import { useMessages } from '../../lib/i18n.tsx';

const messages = {
  'zh-CN': {
    'mfa.title': '虚拟MFA验证',
    'mfa.hint': '您的账号已开启登录保护，请输入 MFA 应用中显示的 6 位验证码。',
    'mfa.code': '验证码',
    'mfa.format': '请输入 6 位数字验证码',
    'mfa.submit': '验证并登录',
    'mfa.back': '返回',
    'mfa.wrong': '验证码不正确。',
    'mfa.used': '该验证码已使用过，请等待下一个验证码。',
    'mfa.expired': '验证码已过期，请输入 MFA 应用当前显示的验证码。',
  },
  en: {
    'mfa.title': 'Virtual MFA verification',
    'mfa.hint': 'Your log-ins are protected. Enter the 6-digit code your MFA app shows.',
    'mfa.code': 'Verification code',
    'mfa.format': 'Enter the 6 digits of the code',
    'mfa.submit': 'Verify and log in',
    'mfa.back': 'Back',
    'mfa.wrong': 'The verification code is wrong.',
    'mfa.used': 'This code has been used already. Wait for the next one.',
    'mfa.expired': 'The code has expired. Enter the one your MFA app shows now.',
  },
} as const;

/** The log-in page's own messages, in the language the console is shown in. */
export function useSessionT() {
  return useMessages(messages);
}
