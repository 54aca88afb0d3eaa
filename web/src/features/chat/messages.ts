import { useCallback } from 'react';
import { dbmindProgress } from '@dws-console/shared';
import { useI18n } from '../../lib/i18n.tsx';

const messages = {
  'zh-CN': {
    title: '智能运维',
    newConversation: '新建对话',
    untitled: '新对话',
    rename: '重命名',
    delete: '删除',
    deleteConfirm: '删除这个对话？',
    mode: '模式',
    'mode.tool_interaction': '工具交互',
    'mode.fault_diagnostic': '故障诊断',
    model: '模型',
    cluster: '监控集群',
    clusterNone: '未选择集群',
    register: '纳管集群',
    historyLen: '上下文轮数',
    placeholder: '描述问题，例如：当前有哪些告警',
    send: '发送',
    stop: '停止',
    retry: '重试',
    copy: '复制',
    copied: '已复制',
    copyCsv: '复制为 CSV',
    yes: '是',
    no: '否',
    suggestions: '可以这样问',
    'suggest.index': '数据库test_db中有条sql语句select * from t1 where id = 10000;请帮我进行一下索引推荐',
    'suggest.alarms': '当前有哪些告警',
    'suggest.topSql': '查询当前的TOP SQL',
    stopped: '回答已停止。',
    streamFailed: '与智能运维服务的连接中断：{message}',
    'failure.tool': '工具执行异常：运维工具没有执行成功。',
    'failure.model': '大模型服务异常：模型服务暂时不可用。',
    'failure.knowledge': '运维知识库异常：知识库暂时不可用。',
    internalError: '智能运维服务内部错误。',
    diagnose: '一键诊断',
    'alarm.abnormal': '异常',
    'alarm.normal': '正常',
    unknownElement: '无法识别的输出（{type}）',
    'register.title': '向 DBMind 注册集群',
    'register.clusterName': '集群名称',
    'register.host': '主机',
    'register.port': '端口',
    'register.username': '数据库用户',
    'register.password': '密码',
    'register.submit': '注册',
    'register.ok': '注册成功',
    'register.503': '无法连接到此集群：请检查地址、用户名和密码。',
    'register.1001': 'DBMind 没有纳管此集群，无法注册。',
    'register.1002': '该集群名已被占用。',
    'register.failed': '注册失败：{message}',
    selectFailed: '切换失败，请稍后重试。',
    empty: '选择一个问题开始，或直接输入。',
    'access.noAsk':
      '你在项目 {project} 中没有查看集群详情的权限，不能向智能运维提问。请联系管理员授予 {roles}。',
    'access.noRegister':
      '你在项目 {project} 中没有重置集群密码的权限，不能向智能运维注册集群（注册要交给它数据库用户和密码）。请联系管理员授予 {roles}。',
    'access.noClusters': '项目 {project} 中没有你能看到的 DWS 集群，智能运维无可回答。',
    'assistant.about': '关于集群 {name}',
    'assistant.general': '通用问题',
    'assistant.history': '历史对话',
    clusterBound: '本对话的集群',
    clusterUnregistered: '未注册',
    'suggest.health': '检查实例运行状况',
    'suggest.slowSql': '最近一小时有哪些慢SQL？',
    'suggest.databases': '当前有哪些数据库？',
    'bind.title': 'DBMind 尚未注册此集群',
    'bind.explain': '注册后即可询问此集群。用户名和密码只发给 DBMind，控制台不保存。',
    'bind.noRight': '此集群尚未向 DBMind 注册：{reason}',
    'bind.noEndpoint': '此集群还没有可连接的地址。',
    jumpToLatest: '跳到最新',
    'step.matchingTool.running': '工具匹配中…',
    'step.matchingTool.done': '已匹配工具',
    'step.extractingParameters.running': '提取参数中…',
    'step.extractingParameters.done': '已提取参数',
    'step.callingTool.running': '工具调用中…',
    'step.callingTool.done': '已调用工具',
    'step.queryingFaultTree.running': '查询故障树…',
    'step.queryingFaultTree.done': '已查询故障树',
    'step.recognisingAlarm.running': '异常告警信息识别中…',
    'step.recognisingAlarm.done': '已识别异常告警信息',
    'step.recognisingParameters.running': '参数识别中…',
    'step.recognisingParameters.done': '已识别参数',
  },
  en: {
    title: 'Intelligent O&M',
    newConversation: 'New conversation',
    untitled: 'New conversation',
    rename: 'Rename',
    delete: 'Delete',
    deleteConfirm: 'Delete this conversation?',
    mode: 'Mode',
    'mode.tool_interaction': 'Tool interaction',
    'mode.fault_diagnostic': 'Fault diagnosis',
    model: 'Model',
    cluster: 'Monitored cluster',
    clusterNone: 'No cluster selected',
    register: 'Register cluster',
    historyLen: 'Context turns',
    placeholder: 'Describe the problem, e.g. which alarms are active',
    send: 'Send',
    stop: 'Stop',
    retry: 'Retry',
    copy: 'Copy',
    copied: 'Copied',
    copyCsv: 'Copy as CSV',
    yes: 'Yes',
    no: 'No',
    suggestions: 'Try asking',
    'suggest.index': '数据库test_db中有条sql语句select * from t1 where id = 10000;请帮我进行一下索引推荐',
    'suggest.alarms': '当前有哪些告警',
    'suggest.topSql': 'Show the top SQL statements',
    stopped: 'The answer was stopped.',
    streamFailed: 'The connection to the O&M service broke: {message}',
    'failure.tool': 'The tool failed to run.',
    'failure.model': 'The model service is unavailable.',
    'failure.knowledge': 'The O&M knowledge base is unavailable.',
    internalError: 'The O&M service had an internal error.',
    diagnose: 'Diagnose',
    'alarm.abnormal': 'Abnormal',
    'alarm.normal': 'Normal',
    unknownElement: 'Unrecognised output ({type})',
    'register.title': 'Register a cluster with DBMind',
    'register.clusterName': 'Cluster name',
    'register.host': 'Host',
    'register.port': 'Port',
    'register.username': 'Database user',
    'register.password': 'Password',
    'register.submit': 'Register',
    'register.ok': 'Registered',
    'register.503': 'Cannot connect to this cluster: check the address, user and password.',
    'register.1001': 'DBMind does not manage this cluster, so it cannot be registered.',
    'register.1002': 'That cluster name is taken.',
    'register.failed': 'Registration failed: {message}',
    selectFailed: 'Switching failed; try again later.',
    empty: 'Pick a question to start, or type your own.',
    'access.noAsk':
      'You may not view cluster details in project {project}, so you cannot ask the assistant. Ask your administrator for {roles}.',
    'access.noRegister':
      'You may not reset cluster passwords in project {project}, so you cannot register clusters with the assistant (registering hands it a database user and password). Ask your administrator for {roles}.',
    'access.noClusters':
      'Project {project} has no DWS cluster you can see, so the assistant has nothing to answer about.',
    'assistant.about': 'About cluster {name}',
    'assistant.general': 'General questions',
    'assistant.history': 'Earlier conversations',
    clusterBound: 'This conversation’s cluster',
    clusterUnregistered: 'Not registered',
    'suggest.health': 'Check the instance status',
    'suggest.slowSql': 'Which slow SQL ran in the last hour?',
    'suggest.databases': 'Which databases are there?',
    'bind.title': 'DBMind has not registered this cluster yet',
    'bind.explain':
      'Register it to ask about it. The user and password go to DBMind only; the console keeps neither.',
    'bind.noRight': 'This cluster is not registered with DBMind: {reason}',
    'bind.noEndpoint': 'This cluster has no address to connect to yet.',
    jumpToLatest: 'Jump to latest',
    'step.matchingTool.running': 'Matching a tool…',
    'step.matchingTool.done': 'Tool matched',
    'step.extractingParameters.running': 'Extracting parameters…',
    'step.extractingParameters.done': 'Parameters extracted',
    'step.callingTool.running': 'Calling the tool…',
    'step.callingTool.done': 'Tool called',
    'step.queryingFaultTree.running': 'Querying the fault tree…',
    'step.queryingFaultTree.done': 'Fault tree queried',
    'step.recognisingAlarm.running': 'Recognising alarm information…',
    'step.recognisingAlarm.done': 'Alarm information recognised',
    'step.recognisingParameters.running': 'Recognising parameters…',
    'step.recognisingParameters.done': 'Parameters recognised',
  },
} as const;

export type ChatMessageKey = keyof (typeof messages)['zh-CN'];

/** The chat's own messages, in the language the console is shown in. */
export function useChatT() {
  const { locale } = useI18n();
  return useCallback(
    (key: ChatMessageKey, values?: Record<string, string | number>) =>
      (messages[locale] as Record<ChatMessageKey, string>)[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
        String(values?.[name] ?? whole),
      ),
    [locale],
  );
}

type ProgressKey = Exclude<keyof typeof dbmindProgress, 'done'>;
const progressKeys = new Map(
  Object.entries(dbmindProgress).map(([key, text]) => [text as string, key as ProgressKey]),
);

/**
 * A progress step of DBMind's stream (Chinese, in the present tense) in the user's language, and in the past tense
 * once the step is over; a text DBMind adds later shows as it came.
 */
export function useStepLabel() {
  const t = useChatT();
  return (text: string, isRunning: boolean) => {
    const key = progressKeys.get(text);
    return key ? t(`step.${key}.${isRunning ? 'running' : 'done'}`) : text;
  };
}

/** DBMind reports known failures as plain text in Chinese; the console shows them in the user's language. */
export const failureTexts: Record<string, ChatMessageKey> = {
  工具执行异常: 'failure.tool',
  大模型服务异常: 'failure.model',
  运维知识库异常: 'failure.knowledge',
};
