import { describe, expect, it } from 'vitest';
import {
  checkAvailabilityZone,
  checkClusterName,
  checkEipId,
  checkEnterpriseProjectId,
  checkKeepLastManualSnapshot,
  checkNewPassword,
  checkNumberOfCn,
  checkNumberOfNode,
  checkPassword,
  checkPort,
  checkScaleOutCount,
  checkSnapshotDescription,
  checkSnapshotName,
  checkUserName,
  checkVpcId,
  defaultNumberOfCn,
  dwsRuleById,
  dwsRules,
  passwordSpecialCharacters,
} from './rules.ts';

const ids = (value: ReturnType<typeof checkPort>) => value?.id;

describe('field rules', () => {
  it('gives every rule a unique id, a table 7-2 code and a sentence', () => {
    const rules = Object.values(dwsRules);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.errorCode).toMatch(/^DWS\.\d{4}$/);
      expect(rule.message.length).toBeGreaterThan(5);
      expect(dwsRuleById(rule.id)).toBe(rule);
    }
  });

  it('cluster name: 4-64 characters, a letter first, letters, digits, - and _', () => {
    expect(checkClusterName('dws1')).toBeUndefined();
    expect(checkClusterName(`a${'b'.repeat(63)}`)).toBeUndefined();
    expect(checkClusterName('A-b_9')).toBeUndefined();
    expect(ids(checkClusterName('dws'))).toBe('cluster-name');
    expect(ids(checkClusterName(`a${'b'.repeat(64)}`))).toBe('cluster-name');
    expect(ids(checkClusterName('1dws'))).toBe('cluster-name');
    expect(ids(checkClusterName('_dws'))).toBe('cluster-name');
    expect(ids(checkClusterName('dws 1'))).toBe('cluster-name');
    expect(ids(checkClusterName('dwsé1'))).toBe('cluster-name');
    expect(ids(checkClusterName(1234))).toBe('cluster-name');
    expect(dwsRules.clusterName.errorCode).toBe('DWS.5057');
  });

  it('port: 8000-30000 whole numbers', () => {
    expect(checkPort(8000)).toBeUndefined();
    expect(checkPort(30000)).toBeUndefined();
    expect(ids(checkPort(7999))).toBe('port');
    expect(ids(checkPort(30001))).toBe('port');
    expect(ids(checkPort(8000.5))).toBe('port');
    expect(ids(checkPort('8000'))).toBe('port');
    expect(dwsRules.port.errorCode).toBe('DWS.5038');
  });

  it('node count: 2-256', () => {
    expect(checkNumberOfNode(2)).toBeUndefined();
    expect(checkNumberOfNode(256)).toBeUndefined();
    expect(ids(checkNumberOfNode(1))).toBe('number-of-node');
    expect(ids(checkNumberOfNode(257))).toBe('number-of-node');
    expect(ids(checkNumberOfNode(3.5))).toBe('number-of-node');
  });

  it('CN count: 2-20 and fewer than the nodes; defaults to 3 or fewer on small clusters', () => {
    expect(checkNumberOfCn(2, 3)).toBeUndefined();
    expect(checkNumberOfCn(20, 21)).toBeUndefined();
    expect(checkNumberOfCn(20)).toBeUndefined();
    expect(ids(checkNumberOfCn(1, 10))).toBe('number-of-cn');
    expect(ids(checkNumberOfCn(21, 100))).toBe('number-of-cn');
    expect(ids(checkNumberOfCn(3, 3))).toBe('number-of-cn');
    expect(defaultNumberOfCn(2)).toBe(2);
    expect(defaultNumberOfCn(3)).toBe(2);
    expect(defaultNumberOfCn(4)).toBe(3);
    expect(defaultNumberOfCn(100)).toBe(3);
  });

  it('user name: 1-63 lowercase letters, digits, _, not starting with a digit, not a keyword', () => {
    expect(checkUserName('a')).toBeUndefined();
    expect(checkUserName('_')).toBeUndefined();
    expect(checkUserName('dbadmin')).toBeUndefined();
    expect(checkUserName(`a${'b'.repeat(62)}`)).toBeUndefined();
    expect(ids(checkUserName(''))).toBe('user-name');
    expect(ids(checkUserName(`a${'b'.repeat(63)}`))).toBe('user-name');
    expect(ids(checkUserName('1admin'))).toBe('user-name');
    expect(ids(checkUserName('DbAdmin'))).toBe('user-name');
    expect(ids(checkUserName('db-admin'))).toBe('user-name');
    expect(ids(checkUserName('select'))).toBe('user-name-reserved');
    expect(ids(checkUserName('user'))).toBe('user-name-reserved');
    expect(ids(checkUserName('public'))).toBe('user-name-reserved');
    expect(ids(checkUserName('pg_admin'))).toBe('user-name-reserved');
    expect(dwsRules.userName.errorCode).toBe('DWS.5059');
    expect(dwsRules.userNameReserved.errorCode).toBe('DWS.5082');
  });

  it('password: 8-32 characters, 3 of 4 kinds, allowed specials only, not the user name either way', () => {
    expect(checkPassword('Dws2017demo!', 'dbadmin')).toBeUndefined();
    expect(checkPassword('abcDEF12')).toBeUndefined();
    expect(checkPassword(`Aa1${'x'.repeat(29)}`)).toBeUndefined();
    expect(ids(checkPassword('abcDE12'))).toBe('password-length');
    expect(ids(checkPassword(`Aa1${'x'.repeat(30)}`))).toBe('password-length');
    expect(ids(checkPassword('abcdefgh'))).toBe('password-classes');
    expect(ids(checkPassword('abcdefg1'))).toBe('password-classes');
    expect(checkPassword('abcdefg1!')).toBeUndefined();
    expect(ids(checkPassword('abc DEF12'))).toBe('password-characters');
    expect(ids(checkPassword('abcDEF12$'))).toBe('password-characters');
    expect(ids(checkPassword('Admin_123', 'Admin_123'))).toBe('password-not-user-name');
    expect(ids(checkPassword('321_nimdA', 'Admin_123'))).toBe('password-not-user-name');
    for (const special of passwordSpecialCharacters) {
      expect(checkPassword(`abcdefg${special}1`)).toBeUndefined();
    }
    expect(dwsRules.passwordLength.errorCode).toBe('DWS.5144');
    expect(dwsRules.passwordNotUserName.errorCode).toBe('DWS.5145');
  });

  it('a new password also may not be a weak one', () => {
    expect(ids(checkNewPassword('Password@123'))).toBe('password-not-weak');
    // Weak passwords are compared ignoring case.
    expect(ids(checkNewPassword('password@123'))).toBe('password-not-weak');
    expect(checkNewPassword('Dws2017demo!')).toBeUndefined();
  });

  it('snapshot name and description', () => {
    expect(checkSnapshotName('snap')).toBeUndefined();
    expect(ids(checkSnapshotName('sna'))).toBe('snapshot-name');
    expect(ids(checkSnapshotName(`s${'n'.repeat(64)}`))).toBe('snapshot-name');
    expect(checkSnapshotDescription('')).toBeUndefined();
    expect(checkSnapshotDescription('x'.repeat(256))).toBeUndefined();
    expect(ids(checkSnapshotDescription('x'.repeat(257)))).toBe('snapshot-description');
    for (const c of `!<>'=&"`) expect(ids(checkSnapshotDescription(`a${c}b`))).toBe('snapshot-description');
  });

  it('ids, zones, counts', () => {
    expect(checkVpcId('219ab8a0-1272-4049-a383-8ad0b770fa11')).toBeUndefined();
    expect(ids(checkVpcId('vpc-1'))).toBe('vpc-id');
    expect(checkAvailabilityZone('ae-ad-1')).toBeUndefined();
    expect(ids(checkAvailabilityZone('AE AD'))).toBe('availability-zone');
    expect(checkEnterpriseProjectId('0')).toBeUndefined();
    expect(ids(checkEnterpriseProjectId('1'))).toBe('enterprise-project-id');
    expect(checkKeepLastManualSnapshot(0)).toBeUndefined();
    expect(ids(checkKeepLastManualSnapshot(-1))).toBe('keep-last-manual-snapshot');
    expect(checkScaleOutCount(1)).toBeUndefined();
    expect(ids(checkScaleOutCount(0))).toBe('scale-out-count');
    expect(checkEipId(undefined, 'auto_assign')).toBeUndefined();
    expect(ids(checkEipId(undefined, 'bind_existing'))).toBe('eip-id');
    expect(checkEipId('85b20d7e-9eb7-4b2a-98f3-3c8843ea3574', 'bind_existing')).toBeUndefined();
  });
});
