import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  dwsCodesBeyondTable,
  dwsErrors,
  dwsErrorTable,
  dwsRules,
  isDocumentedDwsAnswer,
  type DwsTableCode,
} from '@dws-console/shared';
import { describe, expect, it } from 'vitest';

const emulatorSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every answer the emulator can give with a DWS code: the field rules and the other errors, by name. */
const answers = [
  ...Object.entries(dwsRules).map(([name, r]) => ({
    name: `rule ${name}`,
    code: r.errorCode,
    status: r.status,
  })),
  ...Object.entries(dwsErrors).map(([name, e]) => ({ name, code: e.errorCode, status: e.status })),
];

describe('error codes of seed table 7-2', () => {
  it('the emulator writes no code of its own: every DWS code comes from shared rules and errors', async () => {
    const literals: string[] = [];
    for (const file of await sourceFiles(emulatorSrc)) {
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(/['"`]DWS\.\d{4}['"`]/g)) {
        literals.push(`${path.relative(emulatorSrc, file)}: ${match[0]}`);
      }
    }
    expect(literals).toEqual([]);
  });

  it('every answer has the status the table gives its code, or one recorded for a code beyond the table', () => {
    const undocumented = answers.filter((a) => !isDocumentedDwsAnswer(a.code, a.status));
    expect(undocumented).toEqual([]);
  });

  // Read it as a review: each answer beside the table's meaning of its code. A new code or a changed one shows here.
  it('every answer means what the table says of its code', () => {
    const meaning = (code: string) =>
      code in dwsErrorTable
        ? dwsErrorTable[code as DwsTableCode].meaning
        : `(beyond the table) ${dwsCodesBeyondTable[code as keyof typeof dwsCodesBeyondTable].meaning}`;
    expect(answers.map((a) => `${a.name}: ${a.status} ${a.code} ${meaning(a.code)}`)).toMatchInlineSnapshot(`
      [
        "rule required: 400 DWS.5037 参数不存在。",
        "rule requestFormat: 400 DWS.5065 格式非法。",
        "rule clusterName: 400 DWS.5057 集群名称含非法字符或长度不合法。",
        "rule clusterNameTaken: 409 DWS.5050 集群名已经存在。",
        "rule nodeType: 400 DWS.5006 无效的规格。",
        "rule nodeTypeSoldOut: 400 DWS.5200 当前规格已售罄，请切换其他可用区或区域。",
        "rule numberOfNode: 400 DWS.5047 实例个数不合法!",
        "rule numberOfCn: 400 DWS.5038 参数值超出范围。",
        "rule port: 400 DWS.5038 参数值超出范围。",
        "rule vpcId: 400 DWS.5014 VPC id非法。",
        "rule subnetIdEmpty: 400 DWS.5202 子网ID不能为空。",
        "rule securityGroupIdEmpty: 400 DWS.5203 安全组ID不能为空。",
        "rule subnetId: 400 DWS.5015 子网id非法。",
        "rule securityGroupId: 400 DWS.5016 安全组id非法。",
        "rule availabilityZone: 400 DWS.5011 无效可用区。",
        "rule userName: 400 DWS.5059 数据库用户名非法。",
        "rule userNameReserved: 400 DWS.5082 不支持的数据库用户名。",
        "rule passwordLength: 400 DWS.5144 集群管理员密码非法。",
        "rule passwordCharacters: 400 DWS.5144 集群管理员密码非法。",
        "rule passwordClasses: 400 DWS.5144 集群管理员密码非法。",
        "rule passwordNotUserName: 400 DWS.5145 管理员密码不能与用户名或倒序的用户名相同。",
        "rule passwordNotPrevious: 400 DWS.5144 集群管理员密码非法。",
        "rule passwordNotWeak: 400 DWS.5144 集群管理员密码非法。",
        "rule publicBindType: 400 DWS.5098 EIP绑定类型不合法。",
        "rule eipId: 400 DWS.5133 EIP id非法。",
        "rule enterpriseProjectId: 400 DWS.5064 UUID非法。",
        "rule keepLastManualSnapshot: 400 DWS.5038 参数值超出范围。",
        "rule scaleOutCount: 400 DWS.5038 参数值超出范围。",
        "rule nodeCountLimit: 400 DWS.5091 节点个数达到最大值。",
        "rule restartObject: 400 DWS.5065 格式非法。",
        "rule snapshotName: 400 DWS.5065 格式非法。",
        "rule snapshotNameTaken: 400 DWS.5039 参数重复。",
        "rule snapshotDescription: 400 DWS.5056 String类型长度违规。",
        "rule clusterId: 400 DWS.5064 UUID非法。",
        "clusterNotFound: 404 DWS.0047 (beyond the table) The cluster does not exist.",
        "snapshotNotFound: 400 DWS.5111 备份文件id不存在!",
        "snapshotIdInvalid: 400 DWS.5149 快照id不合法。",
        "clusterBusy: 400 DWS.5095 当前实例类型不支持此操作。",
        "clusterNotAvailable: 400 DWS.5095 当前实例类型不支持此操作。",
        "snapshotNotAvailable: 400 DWS.5095 当前实例类型不支持此操作。",
        "automatedSnapshot: 400 DWS.5095 当前实例类型不支持此操作。",
        "noPermission: 403 DWS.5036 Datastore不存在或没有权限。",
        "tokenProjectMismatch: 403 DWS.0015 (beyond the table) The token is not scoped to the project in the request path.",
        "invalidJson: 400 DWS.5065 格式非法。",
        "bodyTooLarge: 400 DWS.5065 格式非法。",
        "notJson: 400 DWS.5065 格式非法。",
        "noSuchApi: 404 DWS.0404 (beyond the table) No such API.",
        "internal: 500 DWS.0000 (beyond the table) An internal failure or a service that is shutting down.",
        "shuttingDown: 503 DWS.0000 (beyond the table) An internal failure or a service that is shutting down.",
        "passwordNotChanged: 500 DWS.0000 (beyond the table) An internal failure or a service that is shutting down.",
      ]
    `);
  });

  it('the table is complete: 107 codes, statuses as printed in the seed', () => {
    const codes = Object.keys(dwsErrorTable);
    expect(codes).toHaveLength(107);
    const byStatus = (status: number) =>
      codes.filter((c) => dwsErrorTable[c as DwsTableCode].status === status).sort();
    expect(byStatus(404)).toEqual(['DWS.5021', 'DWS.5022', 'DWS.5023']);
    expect(byStatus(403)).toEqual(['DWS.5036']);
    expect(byStatus(409)).toEqual(['DWS.5050']);
  });
});
