import { bffErrorCodes, dwsRules, type FieldRule } from '@dws-console/shared';
import { z } from 'zod/mini';
import { ApiError } from './api-client.ts';
import type { Locale } from './i18n.tsx';
import { ruleText } from './rule-texts.ts';

type Texts = Record<string, { 'zh-CN': string; en: string }>;

/** Codes whose meaning does not depend on the call; anything else keeps the server's own message. */
const codeTexts: Texts = {
  NETWORK: {
    'zh-CN': '无法连接到控制台，请检查网络后重试。',
    en: 'The console cannot be reached. Check the network and try again.',
  },
  [bffErrorCodes.unauthenticated]: { 'zh-CN': '请先登录。', en: 'Log in first.' },
  [bffErrorCodes.sessionExpired]: {
    'zh-CN': '会话已过期，请重新登录。',
    en: 'Your session has ended. Log in again.',
  },
  [bffErrorCodes.forbidden]: {
    'zh-CN': '请求被拒绝，请刷新页面后重试。',
    en: 'The request was refused. Reload the page and try again.',
  },
  [bffErrorCodes.projectChanged]: {
    'zh-CN': '项目已在另一个窗口中切换，本页将改为显示当前项目。',
    en: 'The project was switched in another window; this page will show the current project.',
  },
  [bffErrorCodes.notFound]: { 'zh-CN': '请求的资源不存在。', en: 'The requested resource does not exist.' },
  [bffErrorCodes.tooManyRequests]: {
    'zh-CN': '请求过于频繁，请稍后再试。',
    en: 'Too many requests. Try again later.',
  },
  [bffErrorCodes.upstreamUnavailable]: {
    'zh-CN': 'DWS 服务暂时不可用，请稍后再试。',
    en: 'The DWS service is unavailable. Try again later.',
  },
  [bffErrorCodes.upstreamTimeout]: {
    'zh-CN': 'DWS 服务响应超时，请稍后再试。',
    en: 'The DWS service did not answer in time. Try again later.',
  },
  [bffErrorCodes.internal]: {
    'zh-CN': '控制台内部错误，请联系管理员并提供请求 ID。',
    en: 'The console had an internal error. Give the request ID to your administrator.',
  },
  'DWS.0047': { 'zh-CN': '集群不存在。', en: 'The cluster does not exist.' },
  'DWS.5111': { 'zh-CN': '快照不存在。', en: 'The snapshot does not exist.' },
  // The only answer with this code: a snapshot address whose id is not a UUID (a mistyped or cut-off link).
  'DWS.5149': {
    'zh-CN': '快照 ID 无效：应为 UUID。',
    en: 'The snapshot id is not valid: it must be a UUID.',
  },
  'DWS.5036': {
    'zh-CN': '您没有执行此操作的权限。',
    en: 'You do not have the permission for this operation.',
  },
  'DWS.5095': {
    'zh-CN': '当前状态不支持此操作（集群或快照可能正忙于其他任务）。',
    en: 'This operation is not possible now (the cluster or snapshot may be busy with another task).',
  },
};

const fieldRules: FieldRule[] = Object.values(dwsRules);

/**
 * Validation answers read `field: rule`. Finding the rule by its English sentence and code lets the console
 * show it in the user's language while keeping the field path the server named.
 */
function translateRuleMessage(code: string, message: string, locale: Locale): string | undefined {
  const separator = message.indexOf(': ');
  if (separator < 0) return undefined;
  const field = message.slice(0, separator);
  const sentence = message.slice(separator + 2);
  const rule = fieldRules.find(
    (r) => r.message === sentence && (r.errorCode === code || code.startsWith('CONSOLE.')),
  );
  if (!rule) return undefined;
  return `${field}: ${ruleText(rule, locale)}`;
}

export interface ErrorText {
  code: string;
  message: string;
  requestId?: string;
}

/**
 * An answer whose shape the console does not know, by where it differs: zod's own wording would need a locale the
 * web does not load, and would say "Invalid input" (decision 037).
 */
function unreadableAnswer(error: z.core.$ZodError, locale: Locale): string {
  const where = error.issues[0]?.path.join('.') || '(body)';
  return locale === 'zh-CN'
    ? `控制台无法读取服务器的应答（位置：${where}）。`
    : `The console could not read the server's answer (at ${where}).`;
}

/** Any error as the user should read it: the code, a message in their language when known, the request id. */
export function errorText(error: unknown, locale: Locale): ErrorText {
  if (error instanceof z.core.$ZodError) return { code: 'ERROR', message: unreadableAnswer(error, locale) };
  if (!(error instanceof ApiError)) {
    return { code: 'ERROR', message: error instanceof Error ? error.message : String(error) };
  }
  return {
    code: error.code,
    message:
      translateRuleMessage(error.code, error.message, locale) ??
      codeTexts[error.code]?.[locale] ??
      error.message,
    requestId: error.requestId,
  };
}
