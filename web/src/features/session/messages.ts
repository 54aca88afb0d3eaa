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
    'device.open': '虚拟MFA',
    'device.title': '绑定虚拟MFA设备',
    'device.scan': '用 MFA 应用扫描二维码，或手动输入密钥。绑定后，登录时需要输入验证码。',
    'device.secret': '密钥：',
    'device.first': '第一个验证码',
    'device.second': '第二个验证码（下一个）',
    'device.bind': '绑定',
    'device.bound': '虚拟MFA设备已绑定',
    'sso.signIn': '使用 {name} 登录',
    'sso.state': '登录不是从此浏览器发起的，或已超时，请重新登录。',
    'sso.provider': '身份提供商未完成登录，请重新登录。',
    'sso.token': '身份提供商的应答未通过校验，未建立会话，请重新登录。',
    'sso.iam': 'IAM 未授予您的账号访问权限：请联系管理员将您映射到用户组。',
    'sso.unavailable': '暂时无法连接身份提供商或 IAM，请稍后重试。',
    'end.title': '会话即将结束',
    'end.sso':
      '您的会话将于 {time} 结束。选择“继续”将通过身份提供商重新登录并回到本页，通常无需再次输入密码。',
    'end.password': '您的会话将于 {time} 结束。选择“继续”将重新登录并回到本页。',
    'end.idle': '您已有一段时间未操作，会话将于 {time} 结束。选择“继续”即可保持登录。',
    'end.continue': '继续',
    'end.later': '稍后',
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
    'device.open': 'Virtual MFA',
    'device.title': 'Bind a virtual MFA device',
    'device.scan':
      'Scan the QR code with your MFA app, or type the secret. Once bound, log-ins ask for its code.',
    'device.secret': 'Secret:',
    'device.first': 'First code',
    'device.second': 'Second code (the next one)',
    'device.bind': 'Bind',
    'device.bound': 'The virtual MFA device is bound',
    'sso.signIn': 'Sign in with {name}',
    'sso.state': 'The sign-in was not started from this browser, or took too long. Sign in again.',
    'sso.provider': 'The identity provider did not sign you in. Sign in again.',
    'sso.token':
      'The identity provider’s answer could not be trusted, so no session was started. Sign in again.',
    'sso.iam':
      'IAM gives your account no access to this console: ask your administrator to map you to a user group.',
    'sso.unavailable': 'The identity provider or IAM cannot be reached now. Try again in a moment.',
    'end.title': 'Your session is ending',
    'end.sso':
      'Your session ends at {time}. Continue signs you in again through the identity provider and brings you back here, usually without a password.',
    'end.password': 'Your session ends at {time}. Continue takes you through the log-in and back here.',
    'end.idle':
      'You have not used the console for a while: your session ends at {time}. Continue keeps you signed in.',
    'end.continue': 'Continue',
    'end.later': 'Later',
  },
} as const;

/** The log-in page's own messages, in the language the console is shown in. */
export function useSessionT() {
  return useMessages(messages);
}
