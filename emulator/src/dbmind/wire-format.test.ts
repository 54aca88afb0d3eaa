import { describe, expect, it } from 'vitest';
import { compactSortedJson, pythonJsonDumps, sseEvent } from './wire-format.ts';

describe('wire format', () => {
  it('writes events as data: + compact JSON with sorted keys + a blank line', () => {
    expect(sseEvent({ success: true, data: [{ type: 'str', content: '完成', color: 'black' }] })).toBe(
      'data:{"data":[{"color":"black","content":"完成","type":"str"}],"success":true}\n\n',
    );
    expect(compactSortedJson({ b: { d: 1, c: [{ z: 1, y: 2 }] }, a: null })).toBe(
      '{"a":null,"b":{"c":[{"y":2,"z":1}],"d":1}}',
    );
  });

  it("writes the alarm JSON as Python's json.dumps does (the form of the document's second example)", () => {
    const alarm = {
      history_alarm_id: 'c_190471',
      metric_name: 'gaussdb_cluster_state',
      instance: '10.90.56.xx',
      alarm_type: 'ALARM',
      alarm_level: 20,
      start_time: '2024-09-05 15:28:56',
      alarm_content:
        '10.90.56.xx(dn   ): {"ping": 0, "dn_status": 1, "bind_ip_failed": 0, "dn_ping_standby": 0, "ffic_updated": 0, "cms_phonydead_restart": 0, "cms_restart_pending": 0, "dn_read_only": 0, "dn_manual_stop": 0, "dn_disk_damage": 0, "dn_nic_down": 0, "dn_port_conflict": 0, "dn_writable": 0} Unknown',
      source: 'dbmind',
      status: 0,
    };
    // The "query" of the document's example, decoded from its JSON string.
    const documented =
      '{"history_alarm_id": "c_190471", "metric_name": "gaussdb_cluster_state", "instance": "10.90.56.xx", "alarm_type": "ALARM", "alarm_level": 20, "start_time": "2024-09-05 15:28:56", "alarm_content": "10.90.56.xx(dn   ): {\\"ping\\": 0, \\"dn_status\\": 1, \\"bind_ip_failed\\": 0, \\"dn_ping_standby\\": 0, \\"ffic_updated\\": 0, \\"cms_phonydead_restart\\": 0, \\"cms_restart_pending\\": 0, \\"dn_read_only\\": 0, \\"dn_manual_stop\\": 0, \\"dn_disk_damage\\": 0, \\"dn_nic_down\\": 0, \\"dn_port_conflict\\": 0, \\"dn_writable\\": 0} Unknown", "source": "dbmind", "status": 0}';
    expect(pythonJsonDumps(alarm)).toBe(documented);
    expect(pythonJsonDumps({ content: '长事务', list: [1, 'a'] })).toBe(
      '{"content": "\\u957f\\u4e8b\\u52a1", "list": [1, "a"]}',
    );
  });
});
