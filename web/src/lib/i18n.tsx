import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Locale = 'zh-CN' | 'en';

const messages = {
  'zh-CN': {
    'app.title': 'DWS 控制台',
    'nav.clusters': '集群',
    'nav.chat': '智能运维',
    'header.logout': '退出登录',
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
    'clusters.title': '集群管理',
    'clusters.refresh': '刷新',
    'clusters.empty': '还没有集群',
    'clusters.col.name': '集群名称',
    'clusters.col.status': '状态',
    'clusters.col.task': '任务',
    'clusters.col.nodeType': '节点规格',
    'clusters.col.nodes': '节点数',
    'clusters.col.version': '版本',
    'clusters.col.endpoint': '内网地址',
    'clusters.col.created': '创建时间',
    'notFound.title': '页面不存在',
    'notFound.back': '返回集群列表',
    'error.title': '页面出错了',
    'error.reload': '重新加载',
    'error.requestId': '请求 ID',
  },
  en: {
    'app.title': 'DWS Console',
    'nav.clusters': 'Clusters',
    'nav.chat': 'Intelligent O&M',
    'header.logout': 'Log out',
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
    'clusters.title': 'Clusters',
    'clusters.refresh': 'Refresh',
    'clusters.empty': 'No clusters yet',
    'clusters.col.name': 'Name',
    'clusters.col.status': 'Status',
    'clusters.col.task': 'Task',
    'clusters.col.nodeType': 'Node type',
    'clusters.col.nodes': 'Nodes',
    'clusters.col.version': 'Version',
    'clusters.col.endpoint': 'Private endpoint',
    'clusters.col.created': 'Created',
    'notFound.title': 'Page not found',
    'notFound.back': 'Back to clusters',
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
}

const I18nContext = createContext<I18nValue | undefined>(undefined);
const storageKey = 'dws-console.locale';

function initialLocale(): Locale {
  return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(storageKey, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18nValue>(() => {
    const table: Record<MessageKey, string> = messages[locale];
    return {
      locale,
      setLocale,
      t: (key, values) =>
        table[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values?.[name] ?? whole)),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside I18nProvider');
  return value;
}
