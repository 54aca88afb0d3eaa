import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { storedChoiceKeys } from './stored-choices.ts';

export type Locale = 'zh-CN' | 'en';

const messages = {
  'zh-CN': {
    'app.title': 'DWS 控制台',
    'nav.overview': '总览',
    'nav.clusters': '集群',
    'header.project': '项目',
    'header.projectSwitched': '已切换到项目 {project}',
    'nav.chat': '智能运维',
    'header.logout': '退出登录',
    'header.assistant': '智能助手',
    'header.assistantWidth': '调整智能助手宽度',
    'nav.snapshots': '快照',
    'nav.nodeTypes': '节点规格',
    'nav.operationsLog': '操作日志',
    'header.themeDark': '深色主题',
    'header.themeLight': '浅色主题',
    'common.cancel': '取消',
    'common.copy': '复制',
    'common.copied': '已复制',
    'common.errorCode': '错误码',
    'common.offline': '网络已断开，恢复后将自动重试。',
    'apiRequest.title': '等效的 API 请求',
    'apiRequest.hint': '控制台将发送的请求：令牌由服务端添加，不在其中；密码以 ****** 显示。',
    'publicIp.label': '公网访问',
    'publicIp.not_use': '暂不使用',
    'publicIp.auto_assign': '自动分配',
    'publicIp.bind_existing': '使用已有弹性 IP',
    'publicIp.eipId': '弹性 IP 的 ID',
    'confirm.typeToConfirm': '请输入 {name} 以确认',
    'confirm.mismatch': '输入的名称不一致',
    'password.strength': '密码强度',
    'password.weak': '弱',
    'password.medium': '中',
    'password.strong': '强',
    'password.rule.length': '长度为 8-32 个字符',
    'password.rule.characters': '只包含字母、数字和允许的特殊字符',
    'password.rule.classes': '至少包含大写字母、小写字母、数字、特殊字符中的 3 种',
    'password.rule.notUserName': '不能与用户名或其倒序相同',
    'password.rule.notWeak': '不是常见的弱密码',
    'status.CREATING': '创建中',
    'status.AVAILABLE': '可用',
    'status.UNAVAILABLE': '不可用',
    'status.CREATION FAILED': '创建失败',
    'status.ACTIVE': '可用',
    'status.FAILED': '失败',
    'status.CREATE_FAILED': '创建失败',
    'status.DELETING': '删除中',
    'status.DELETE_FAILED': '删除失败',
    'status.DELETED': '已删除',
    'status.FROZEN': '已冻结',
    'task.CREATING': '创建中',
    'task.RESTORING': '恢复中',
    'task.SNAPSHOTTING': '快照中',
    'task.GROWING': '扩容中',
    'task.REBOOTING': '重启中',
    'task.SETTING_CONFIGURATION': '配置中',
    'task.CONFIGURING_EXT_DATASOURCE': '配置外部数据源中',
    'task.DELETING_EXT_DATASOURCE': '删除外部数据源中',
    'task.REBOOT_FAILURE': '重启失败',
    'task.RESIZE_FAILURE': '扩容失败',
    'subStatus.NORMAL': '正常',
    'subStatus.READONLY': '只读',
    'subStatus.REDISTRIBUTING': '重分布中',
    'subStatus.REDISTRIBUTION-FAILURE': '重分布失败',
    'subStatus.UNBALANCED': '非均衡',
    'subStatus.DEGRADED': '节点故障',
    'header.language': 'English',
    'login.title': '登录 DWS 控制台',
    'login.domain': '账号名',
    'login.username': 'IAM 用户名',
    'login.password': '密码',
    'login.project': '项目',
    'login.submit': '登录',
    'login.required': '请输入{field}',
    'login.failed': '账号名、用户名、密码或项目不正确。',
    'login.throttled': '登录失败次数过多，请稍后再试。',
    'notFound.title': '页面不存在',
    'notFound.back': '返回集群列表',
    'page.clusterDetail': '集群详情',
    'page.createCluster': '创建集群',
    'page.snapshotDetail': '快照详情',
    'error.title': '页面出错了',
    'error.reload': '重新加载',
    'error.requestId': '请求 ID',
  },
  en: {
    'app.title': 'DWS Console',
    'nav.overview': 'Overview',
    'nav.clusters': 'Clusters',
    'header.project': 'Project',
    'header.projectSwitched': 'Switched to project {project}',
    'nav.chat': 'Intelligent O&M',
    'header.logout': 'Log out',
    'header.assistant': 'Assistant',
    'header.assistantWidth': 'Resize the assistant',
    'nav.snapshots': 'Snapshots',
    'nav.nodeTypes': 'Node types',
    'nav.operationsLog': 'Operations log',
    'header.themeDark': 'Dark theme',
    'header.themeLight': 'Light theme',
    'common.cancel': 'Cancel',
    'common.copy': 'Copy',
    'common.copied': 'Copied',
    'common.errorCode': 'Error code',
    'common.offline': 'The network is down; the console retries when it is back.',
    'apiRequest.title': 'Equivalent API request',
    'apiRequest.hint':
      'The request the console sends: the token is added by the server and is not part of it; the password shows as ******.',
    'publicIp.label': 'Public access',
    'publicIp.not_use': 'Not now',
    'publicIp.auto_assign': 'Assign automatically',
    'publicIp.bind_existing': 'Bind an existing EIP',
    'publicIp.eipId': 'EIP ID',
    'confirm.typeToConfirm': 'Type {name} to confirm',
    'confirm.mismatch': 'The name does not match',
    'password.strength': 'Strength',
    'password.weak': 'Weak',
    'password.medium': 'Medium',
    'password.strong': 'Strong',
    'password.rule.length': '8-32 characters',
    'password.rule.characters': 'Only letters, digits and the allowed special characters',
    'password.rule.classes': 'At least 3 of: uppercase, lowercase, digits, special characters',
    'password.rule.notUserName': 'Not the user name or the user name reversed',
    'password.rule.notWeak': 'Not a commonly used weak password',
    'status.CREATING': 'Creating',
    'status.AVAILABLE': 'Available',
    'status.UNAVAILABLE': 'Unavailable',
    'status.CREATION FAILED': 'Creation failed',
    'status.ACTIVE': 'Active',
    'status.FAILED': 'Failed',
    'status.CREATE_FAILED': 'Creation failed',
    'status.DELETING': 'Deleting',
    'status.DELETE_FAILED': 'Deletion failed',
    'status.DELETED': 'Deleted',
    'status.FROZEN': 'Frozen',
    'task.CREATING': 'Creating',
    'task.RESTORING': 'Restoring',
    'task.SNAPSHOTTING': 'Taking a snapshot',
    'task.GROWING': 'Scaling out',
    'task.REBOOTING': 'Restarting',
    'task.SETTING_CONFIGURATION': 'Applying configuration',
    'task.CONFIGURING_EXT_DATASOURCE': 'Configuring external data source',
    'task.DELETING_EXT_DATASOURCE': 'Deleting external data source',
    'task.REBOOT_FAILURE': 'Restart failed',
    'task.RESIZE_FAILURE': 'Scale-out failed',
    'subStatus.NORMAL': 'Normal',
    'subStatus.READONLY': 'Read-only',
    'subStatus.REDISTRIBUTING': 'Redistributing',
    'subStatus.REDISTRIBUTION-FAILURE': 'Redistribution failed',
    'subStatus.UNBALANCED': 'Unbalanced',
    'subStatus.DEGRADED': 'Degraded',
    'header.language': '简体中文',
    'login.title': 'Log in to the DWS Console',
    'login.domain': 'Account',
    'login.username': 'IAM user name',
    'login.password': 'Password',
    'login.project': 'Project',
    'login.submit': 'Log in',
    'login.required': 'Enter the {field}',
    'login.failed': 'The account, user name, password or project is wrong.',
    'login.throttled': 'Too many failed log-ins. Try again later.',
    'notFound.title': 'Page not found',
    'notFound.back': 'Back to clusters',
    'page.clusterDetail': 'Cluster details',
    'page.createCluster': 'Create cluster',
    'page.snapshotDetail': 'Snapshot details',
    'error.title': 'Something went wrong',
    'error.reload': 'Reload',
    'error.requestId': 'Request ID',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type MessageKey = keyof (typeof messages)['zh-CN'];
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** Dates, numbers and sizes in the console's language, not the browser's. */
  format: Formatters;
}

export interface Formatters {
  /** An ISO 8601 instant as date and time; '-' when there is none or it does not parse. */
  dateTime: (value: string | null | undefined) => string;
  number: (value: number) => string;
  /** A size given in bytes, with the unit that keeps it readable (KB, MB, GB, ...). */
  bytes: (value: number) => string;
}

const formatters = new Map<Locale, Formatters>();

/** Makes the value on its first use, then keeps it. */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

/**
 * Intl's formatters are costly to build: one set per language, each formatter built when it is first used (a
 * first page that shows no size builds none of the size formatters).
 */
export function formattersFor(locale: Locale): Formatters {
  const cached = formatters.get(locale);
  if (cached) return cached;
  const dateTime = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }));
  const number = once(() => new Intl.NumberFormat(locale));
  // From kB up: ICU's short "byte" unit reads "0 byte" in English.
  const units = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;
  const sizes = units.map((unit) =>
    once(() => new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 2 })),
  );
  const made: Formatters = {
    dateTime: (value) => {
      const time = value ? Date.parse(value) : Number.NaN;
      return Number.isNaN(time) ? '-' : dateTime().format(time);
    },
    number: (value) => number().format(value),
    bytes: (value) => {
      let unit = 0;
      let scaled = value / 1024;
      while (Math.abs(scaled) >= 1024 && unit < units.length - 1) {
        scaled /= 1024;
        unit += 1;
      }
      return sizes[unit]?.().format(scaled) ?? String(value);
    },
  };
  formatters.set(locale, made);
  return made;
}

const I18nContext = createContext<I18nValue | undefined>(undefined);
const storageKey = storedChoiceKeys.locale;

function initialLocale(): Locale {
  return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(storageKey, next);
    setLocaleState(next);
  }, []);
  // The page's language is the one screen readers speak in: it follows a stored choice from the first render on.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18nValue>(() => {
    const table: Record<MessageKey, string> = messages[locale];
    return {
      locale,
      setLocale,
      t: (key, values) => format(locale, table[key], values),
      format: formattersFor(locale),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** True when the table has a message for `key` (status names come from the server and may be new). */
export function hasMessage(key: string): key is MessageKey {
  return key in messages['zh-CN'];
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * Fills `{name}` with a value and chooses among plural forms written
 * `{count, plural, one {# cluster} other {# clusters}}`, the ICU message syntax reduced to what the tables use.
 */
export function format(locale: Locale, text: string, values?: Record<string, string | number>): string {
  const numbers = formattersFor(locale).number;
  const withPlurals = text.replace(
    /\{(\w+), plural, ((?:=?\w+ \{[^}]*\} ?)+)\}/g,
    (whole, name: string, forms: string) => {
      const value = values?.[name];
      if (typeof value !== 'number') return whole;
      let rules = pluralRules.get(locale);
      if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
      const byCategory = new Map([...forms.matchAll(/(=?\w+) \{([^}]*)\}/g)].map((m) => [m[1], m[2] ?? '']));
      const form =
        byCategory.get(`=${value}`) ?? byCategory.get(rules.select(value)) ?? byCategory.get('other');
      return (form ?? whole).replace(/#/g, numbers(value));
    },
  );
  // A plain `{name}` is shown as given: ports and ids must not get thousands separators.
  return withPlurals.replace(/\{(\w+)\}/g, (whole, name: string) => String(values?.[name] ?? whole));
}

/** A feature's own message table in the console's language (see features/<f>/messages.ts). */
export function useMessages<K extends string>(
  table: Record<Locale, Record<K, string>>,
): (key: K, values?: Record<string, string | number>) => string {
  const { locale } = useI18n();
  return useCallback((key, values) => format(locale, table[locale][key], values), [locale, table]);
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside I18nProvider');
  return value;
}
