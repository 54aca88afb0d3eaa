import type { FieldRule } from '@dws-console/shared';
import type { Locale } from './i18n.tsx';

/**
 * The shared field rules in the user's language, by their stable id. The English texts are the shared ones;
 * an id missing here falls back to them, so a new rule is never shown blank.
 */
const zhRuleTexts: Record<string, string> = {
  required: '为必填项',
  'request-format': '必须是 JSON 对象',
  'cluster-name': '长度为 4-64 个字符，以字母开头，只能包含字母、数字、中划线和下划线',
  'cluster-name-taken': '已被本项目中的其他集群使用',
  'node-type': '必须是节点规格接口列出的规格之一',
  'node-type-sold-out': '在该可用区已售罄，请选择其他规格',
  'number-of-node': '必须是 2 到 256 之间的整数',
  'number-of-cn': '必须是 2 到 20 之间的整数，且小于节点数',
  port: '必须是 8000 到 30000 之间的整数',
  'vpc-id': '必须是 UUID，例如 219ab8a0-1272-4049-a383-8ad0b770fa11',
  'subnet-id-empty': '不能为空',
  'security-group-id-empty': '不能为空',
  'subnet-id': '必须是 UUID，例如 d23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec',
  'security-group-id': '必须是 UUID，例如 12e3c23a-8710-4b75-95e4-5c8d7f68ef3c',
  'availability-zone': '必须是该区域的可用区，例如 ae-ad-1',
  'user-name': '长度为 1-63 个字符，以小写字母或下划线开头，只能包含小写字母、数字和下划线',
  'user-name-reserved': '不能是数据库关键字或保留角色名（如 select、user、public，或以 pg_、gs_ 开头的名称）',
  'password-length': '长度为 8-32 个字符',
  'password-characters': '只能包含字母、数字和特殊字符 ~!?,.:;-_\'"(){}[]/<>@#%^&*+|\\=',
  'password-classes': '至少包含小写字母、大写字母、数字、特殊字符中的 3 种',
  'password-not-user-name': '不能与用户名或用户名的倒序相同',
  'password-not-previous': '不能是以前用过的密码',
  'password-not-weak': '不能是常见的弱密码',
  'public-bind-type': '必须是 auto_assign、not_use 或 bind_existing',
  'eip-id': '绑定已有弹性 IP 时必须是弹性 IP 的 UUID',
  'enterprise-project-id': '必须是 0 或 UUID',
  'keep-last-manual-snapshot': '必须是大于等于 0 的整数',
  'scale-out-count': '必须是大于等于 1 的整数',
  'node-count-limit': '扩容后集群将超过 256 个节点',
  'restart-object': '必须是对象，例如 {"restart":{}}',
  'snapshot-name': '长度为 4-64 个字符，以字母开头，只能包含字母、数字、中划线和下划线',
  'snapshot-name-taken': '已被本项目中的其他快照使用（名称不区分大小写）',
  'snapshot-description':
    '最多 256 个字符，不能包含 !<>\'=&"，也不能包含控制字符、文字方向控制符或不成对的代理字符',
  'cluster-id': '必须是集群的 ID',
};

/** What a rule asks, as a phrase that follows the field's name. */
export function ruleText(rule: FieldRule, locale: Locale): string {
  if (locale === 'zh-CN') return zhRuleTexts[rule.id] ?? rule.message;
  return rule.message;
}
