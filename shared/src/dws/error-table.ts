/**
 * Seed table 7-2: every DWS error code with the HTTP status DWS answers it with and its meaning (the table's
 * 错误信息). The emulator answers only these codes with these statuses, and the few of `dwsCodesBeyondTable` for
 * cases the table has no code for (decision 002).
 */
export const dwsErrorTable = {
  'DWS.5001': { status: 400, meaning: '实例名非法。' },
  'DWS.5002': { status: 400, meaning: '数据库类型非法。' },
  'DWS.5003': { status: 400, meaning: '数据库版本非法。' },
  'DWS.5004': { status: 400, meaning: 'datastore字段为空。' },
  'DWS.5005': { status: 400, meaning: '不支持的数据库类型或版本。' },
  'DWS.5006': { status: 400, meaning: '无效的规格。' },
  'DWS.5010': { status: 400, meaning: '无效区域。' },
  'DWS.5011': { status: 400, meaning: '无效可用区。' },
  'DWS.5012': { status: 400, meaning: '区域或可用区不存在。' },
  'DWS.5013': { status: 400, meaning: '数据库root密码非法。' },
  'DWS.5014': { status: 400, meaning: 'VPC id非法。' },
  'DWS.5015': { status: 400, meaning: '子网id非法。' },
  'DWS.5016': { status: 400, meaning: '安全组id非法。' },
  'DWS.5017': { status: 400, meaning: '自动备份保留天数无效。' },
  'DWS.5018': { status: 400, meaning: '自动备份周期无效。' },
  'DWS.5021': { status: 404, meaning: 'VPC不存在, 或不属于该用户。' },
  'DWS.5022': { status: 404, meaning: '子网不存在, 或不属于该VPC。' },
  'DWS.5023': { status: 404, meaning: '安全组不存在, 或不属于该VPC。' },
  'DWS.5027': { status: 400, meaning: '无效的Availability Zone。' },
  'DWS.5033': { status: 400, meaning: 'volume的大小非10的倍数。' },
  'DWS.5034': { status: 400, meaning: '规格不匹配。' },
  'DWS.5036': { status: 403, meaning: 'Datastore不存在或没有权限。' },
  'DWS.5037': { status: 400, meaning: '参数不存在。' },
  'DWS.5038': { status: 400, meaning: '参数值超出范围。' },
  'DWS.5039': { status: 400, meaning: '参数重复。' },
  'DWS.5045': { status: 400, meaning: '当前租户不允许操作!' },
  'DWS.5046': { status: 400, meaning: 'nics为空。' },
  'DWS.5047': { status: 400, meaning: '实例个数不合法!' },
  'DWS.5048': { status: 400, meaning: '扩展参数不合法!' },
  'DWS.5050': { status: 409, meaning: '集群名已经存在。' },
  'DWS.5051': { status: 400, meaning: 'ip非法。' },
  'DWS.5052': { status: 400, meaning: '可用区取值非法。' },
  'DWS.5053': { status: 400, meaning: '实例之间的亲和性取值非法。' },
  'DWS.5054': { status: 400, meaning: '实例参数组的id取值非法。' },
  'DWS.5056': { status: 400, meaning: 'String类型长度违规。' },
  'DWS.5057': { status: 400, meaning: '集群名称含非法字符或长度不合法。' },
  'DWS.5059': { status: 400, meaning: '数据库用户名非法。' },
  'DWS.5060': { status: 400, meaning: 'Integer类型长度违规。' },
  'DWS.5061': { status: 400, meaning: 'Volume类型违规。' },
  'DWS.5062': { status: 400, meaning: 'Volume标签类型违规。' },
  'DWS.5063': { status: 400, meaning: 'Specific字段无效。' },
  'DWS.5064': { status: 400, meaning: 'UUID非法。' },
  'DWS.5065': { status: 400, meaning: '格式非法。' },
  'DWS.5070': { status: 400, meaning: '规格信息与xml配置不匹配。' },
  'DWS.5071': { status: 400, meaning: '磁盘类型与xml配置不匹配。' },
  'DWS.5078': { status: 400, meaning: '磁盘大小不合法。' },
  'DWS.5079': { status: 400, meaning: '备份周期不在允许范围内。' },
  'DWS.5080': { status: 400, meaning: '备份保留天数不在允许范围内。' },
  'DWS.5081': { status: 400, meaning: '实例硬盘类型不在允许范围内。' },
  'DWS.5082': { status: 400, meaning: '不支持的数据库用户名。' },
  'DWS.5083': { status: 400, meaning: '亲和性非xml配置里允许的范围。' },
  'DWS.5084': { status: 400, meaning: 'XML文件中Volume配置有误。' },
  'DWS.5086': { status: 400, meaning: '同一实例类型不满足规格一致性。' },
  'DWS.5087': { status: 400, meaning: '同一实例类型不满足磁盘一致性。' },
  'DWS.5089': { status: 400, meaning: '不支持创建的类型。' },
  'DWS.5091': { status: 400, meaning: '节点个数达到最大值。' },
  'DWS.5093': { status: 400, meaning: '实例规格信息不合法。' },
  'DWS.5095': { status: 400, meaning: '当前实例类型不支持此操作。' },
  'DWS.5096': { status: 400, meaning: '磁盘个数不合法。' },
  'DWS.5097': { status: 400, meaning: 'Region或Availability Zone不存在。' },
  'DWS.5098': { status: 400, meaning: 'EIP绑定类型不合法。' },
  'DWS.5104': { status: 400, meaning: '实例的子网必须唯一。' },
  'DWS.5106': { status: 400, meaning: '实例类型非法!' },
  'DWS.5107': { status: 400, meaning: '集群模式非法!' },
  'DWS.5111': { status: 400, meaning: '备份文件id不存在!' },
  'DWS.5130': { status: 400, meaning: '委托名称非法。' },
  'DWS.5133': { status: 400, meaning: 'EIP id非法。' },
  'DWS.5135': { status: 400, meaning: 'EIP不存在。' },
  'DWS.5144': { status: 400, meaning: '集群管理员密码非法。' },
  'DWS.5145': { status: 400, meaning: '管理员密码不能与用户名或倒序的用户名相同。' },
  'DWS.5146': { status: 400, meaning: '云服务器组参数缺失。' },
  'DWS.5147': { status: 400, meaning: '云服务器组参数不合法。' },
  'DWS.5148': { status: 400, meaning: '云服务器组个数达到最大值。' },
  'DWS.5149': { status: 400, meaning: '快照id不合法。' },
  'DWS.5165': { status: 400, meaning: '数据文件中空值内容不合法。' },
  'DWS.5166': { status: 400, meaning: 'TEXT格式下的noescaping参数不合法。' },
  'DWS.5167': { status: 400, meaning: '数据文件的header参数不合法，支持范围为true/on, false/off。' },
  'DWS.5168': {
    status: 400,
    meaning: '数据文件的fill_missing_fields参数不合法，支持范围为true/on, false/off。',
  },
  'DWS.5169': {
    status: 400,
    meaning: '数据文件的 ignore_extra_data 参数不合法, 支持范围为 true/on, false/off。',
  },
  'DWS.5170': { status: 400, meaning: '数据导入允许出现的数据格式错误个数输入不合法。' },
  'DWS.5171': { status: 400, meaning: '数据库登录用户名或密码不合法。' },
  'DWS.5172': { status: 400, meaning: '数据库不存在。' },
  'DWS.5173': { status: 400, meaning: '数据库表所在 schema 不存在。' },
  'DWS.5174': { status: 400, meaning: '数据库表不存在。' },
  'DWS.5175': { status: 400, meaning: '数据库用户名不能为空。' },
  'DWS.5176': { status: 400, meaning: '数据库用户名对应密码不能为空。' },
  'DWS.5177': { status: 400, meaning: '指定加载数据的表所在数据库名不能为空。' },
  'DWS.5178': { status: 400, meaning: '指定加载数据的表所在 schema 不能为空。' },
  'DWS.5179': { status: 400, meaning: '指定加载数据的数据库表不能为空。' },
  'DWS.5180': { status: 400, meaning: 'OBS 加载文件路径不合法。' },
  'DWS.5181': { status: 400, meaning: '数据加载失败, 错误信息: #failedReason#。' },
  'DWS.5182': { status: 400, meaning: '当前任务已结束' },
  'DWS.5183': { status: 400, meaning: '当前任务已被取消' },
  'DWS.5184': { status: 400, meaning: '数据源文件的格式不合法，支持格式为CSV、TEXT。' },
  'DWS.5185': { status: 400, meaning: '数据文件的编码格式不合法，支持格式为GBK, UTF8, Latin1,SQL_ASCII。' },
  'DWS.5186': { status: 400, meaning: '数据文件行数据的字段分隔符不合法。' },
  'DWS.5187': { status: 400, meaning: 'CSV格式文件下的引号字符不合法。' },
  'DWS.5189': { status: 400, meaning: '获取ak/sk失败。' },
  'DWS.5191': { status: 400, meaning: '标签不存在。' },
  'DWS.5194': { status: 400, meaning: '标签个数超过最大值。' },
  'DWS.5197': { status: 400, meaning: '标签非法。' },
  'DWS.5198': { status: 400, meaning: '用户名不合法。' },
  'DWS.5199': { status: 400, meaning: '密码不合法。' },
  'DWS.5200': { status: 400, meaning: '当前规格已售罄，请切换其他可用区或区域。' },
  'DWS.5202': { status: 400, meaning: '子网ID不能为空。' },
  'DWS.5203': { status: 400, meaning: '安全组ID不能为空。' },
  'DWS.5206': { status: 400, meaning: '数据库版本不支持该功能。' },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type DwsTableCode = keyof typeof dwsErrorTable;

/**
 * Codes the emulator answers that table 7-2 does not list, each with why (decision 002): the real service answers
 * them too (the reference's SDK notes), or they are the emulator's own failures.
 */
export const dwsCodesBeyondTable = {
  'DWS.0000': { statuses: [500, 503], meaning: 'An internal failure or a service that is shutting down.' },
  'DWS.0015': { statuses: [403], meaning: 'The token is not scoped to the project in the request path.' },
  'DWS.0047': { statuses: [404], meaning: 'The cluster does not exist.' },
  'DWS.0404': { statuses: [404], meaning: 'No such API.' },
} as const satisfies Record<string, { statuses: readonly number[]; meaning: string }>;

/** Whether `code` may be answered with `status`: as table 7-2 says, or as `dwsCodesBeyondTable` records. */
export function isDocumentedDwsAnswer(code: string, status: number): boolean {
  if (code in dwsErrorTable) return dwsErrorTable[code as DwsTableCode].status === status;
  if (code in dwsCodesBeyondTable) {
    const { statuses } = dwsCodesBeyondTable[code as keyof typeof dwsCodesBeyondTable];
    return (statuses as readonly number[]).includes(status);
  }
  return false;
}
