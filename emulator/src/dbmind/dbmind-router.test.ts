import { readFile, stat } from 'node:fs/promises';
import tls from 'node:tls';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pkiFiles } from '../pki/pki.ts';
import { seedDemoData } from './demo/demo-data.ts';
import { noInstanceChosen } from './interaction/services.ts';
import type { ManagedInstance } from './managed-instances.ts';
import {
  elementsOf,
  managedInstanceOf,
  parseStream,
  startDbmindHarness,
  textsOf,
  type DbmindHarness,
} from './testing/dbmind-harness.ts';
import { startTestPostgres, type TestPostgres } from './testing/postgres-server.ts';

// The request bodies of the DBMind document's two curl examples, byte for byte.
const seedExample1 = `{
"query":"数据库test_db中有条sql语句select* from t1 where id = 10000;请帮我进行一下索引推荐",
     "mode":"tool_interaction",
     "user_id":"user123",
     "session_id":"session123",
     "history_len":1
}`;
const seedExample2 = String.raw`{
     "query":"{\"history_alarm_id\": \"c_190471\", \"metric_name\": \"gaussdb_cluster_state\", \"instance\": \"10.90.56.xx\", \"alarm_type\": \"ALARM\", \"alarm_level\": 20, \"start_time\": \"2024-09-05 15:28:56\", \"alarm_content\": \"10.90.56.xx(dn   ): {\\\"ping\\\": 0, \\\"dn_status\\\": 1, \\\"bind_ip_failed\\\": 0, \\\"dn_ping_standby\\\": 0, \\\"ffic_updated\\\": 0, \\\"cms_phonydead_restart\\\": 0, \\\"cms_restart_pending\\\": 0, \\\"dn_read_only\\\": 0, \\\"dn_manual_stop\\\": 0, \\\"dn_disk_damage\\\": 0, \\\"dn_nic_down\\\": 0, \\\"dn_port_conflict\\\": 0, \\\"dn_writable\\\": 0} Unknown\", \"source\": \"dbmind\", \"status\": 0}",
     "mode":"fault_diagnostic",
     "model_name":"pangu",
     "user_id":"user123",
     "session_id":"session123"
}`;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let primary: TestPostgres;
let secondary: TestPostgres;
let instances: ManagedInstance[];
let harness: DbmindHarness;

beforeAll(async () => {
  [primary, secondary] = await Promise.all([startTestPostgres(), startTestPostgres()]);
  await seedDemoData({ ...primary, database: 'postgres' });
  instances = [managedInstanceOf(primary, { name: 'alpha' }), managedInstanceOf(secondary, { name: 'beta' })];
  harness = await startDbmindHarness({ managedInstances: { list: () => Promise.resolve(instances) } });
  // Questions go only to a chosen cluster: every user of these tests chose the primary.
  for (const user of ['user123', 'u1', 'demo']) await harness.choose(user, instances[0]!);
});

afterAll(async () => {
  await harness?.close();
  await Promise.all([primary?.destroy(), secondary?.destroy()]);
});

describe('POST /v1/api/app/intelligent-interaction', () => {
  it('answers the first example of the document with the documented stream, byte for byte', async () => {
    const response = await harness.request('POST', '/v1/api/app/intelligent-interaction', seedExample1);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const text = await response.text();
    // Everything is literal except the two numbers the planner computes, captured and checked below.
    const expected =
      'data:{"data":[{"content":"工具匹配中...","type":"progress"}],"success":true}\n\n' +
      'data:{"data":[{"content":"提取参数中...","type":"progress"}],"success":true}\n\n' +
      'data:{"data":[{"content":"工具调用中...","type":"progress"}],"success":true}\n\n' +
      'data:{"data":[{"color":"black","content":"推荐的索引如下表所示：","type":"str"},{"content":{"headers":["索引描述","预计占用","预计提升"],"rows":[["CREATE INDEX idx_t1_id ON public.t1(id);","SIZE","GAIN"]]},"type":"table"}],"success":true}\n\n' +
      'data:{"data":[{"content":"DONE","type":"progress"}],"success":true}\n\n';
    const pattern = new RegExp(
      `^${escapeRegExp(expected).replace('SIZE', '(\\d+\\.\\d{2})MB').replace('GAIN', '(\\d+\\.\\d{2})%')}$`,
    );
    const match = pattern.exec(text);
    expect(match, text).not.toBeNull();
    // 100 000 integer keys: about 2.5 MB of B-tree, and a lookup instead of a full scan.
    expect(Number(match![1])).toBeGreaterThan(2);
    expect(Number(match![1])).toBeLessThan(3);
    expect(Number(match![2])).toBeGreaterThan(99);
  });

  it('answers the second example with the documented fault-diagnosis steps and real findings', async () => {
    const text = await harness.chat(seedExample2);
    const chunks = text.split('\n\n');
    expect(chunks.slice(0, 3)).toEqual([
      'data:{"data":[{"content":"查询故障树...","type":"progress"}],"success":true}',
      'data:{"data":[{"content":"异常告警信息识别中...","type":"progress"}],"success":true}',
      'data:{"data":[{"content":"参数识别中...","type":"progress"}],"success":true}',
    ]);
    expect(text.endsWith('data:{"data":[{"content":"DONE","type":"progress"}],"success":true}\n\n')).toBe(
      true,
    );
    const texts = textsOf(parseStream(text));
    // The feature vector read as DBMind's decision tree reads it: status 1 with no other feature is "Unknown".
    expect(texts).toContain(
      "告警中的特征向量：节点角色为'dn'，状态为'未知'，DBMind决策树的诊断结果为：'未知原因'。",
    );
    // 10.90.56.xx is not managed here: the session's cluster is checked instead, and it is healthy.
    expect(
      texts.some((t) => t.includes('不在DBMind纳管范围内') && t.includes(`127.0.0.1:${primary.port}`)),
    ).toBe(true);
    expect(texts).toContain("a. 排查风险项 '实例可达性'，状态: 正常. ");
    expect(texts.at(-2)).toBe('经诊断，与数据库节点状态异常相关的各项风险项都正常. ');
  });

  it('asks for a missing parameter, remembers the tool, and takes the parameter from the next message', async () => {
    const ask = {
      query: '请帮我对 select * from t1 where id = 42; 做一下索引推荐',
      mode: 'tool_interaction',
      user_id: 'user123',
      session_id: 'missing_param',
    };
    expect(await harness.chat(ask)).toBe(
      'data:{"data":[{"content":"工具匹配中...","type":"progress"}],"success":true}\n\n' +
        'data:{"data":[{"content":"提取参数中...","type":"progress"}],"success":true}\n\n' +
        'data:{"data":[{"color":"black","content":"缺少参数db_name，请一次性提供完整","type":"str"}],"success":true}\n\n' +
        'data:{"data":[{"content":"DONE","type":"progress"}],"success":true}\n\n',
    );
    const events = parseStream(await harness.chat({ ...ask, query: 'test_db' }));
    // The pending tool is used: no new match, straight to the parameters.
    expect(textsOf(events).slice(0, 3)).toEqual(['提取参数中...', '工具调用中...', '推荐的索引如下表所示：']);
    const table = elementsOf(events).find((e) => e.type === 'table') as { content: { rows: string[][] } };
    expect(table.content.rows[0]![0]).toBe('CREATE INDEX idx_t1_id ON public.t1(id);');
    // Done: the next message is matched afresh.
    expect(textsOf(parseStream(await harness.chat({ ...ask, query: '有哪些数据库' })))[0]).toBe(
      '工具匹配中...',
    );
  });

  it('reads parameters from up to history_len earlier turns', async () => {
    const base = { mode: 'tool_interaction', user_id: 'user123' };
    for (const [session, historyLen] of [
      ['history_one', 1],
      ['history_three', 3],
    ] as const) {
      await harness.chat({
        ...base,
        session_id: session,
        query: '数据库test_db中 select * from t1 where id = 7; 索引推荐',
      });
      await harness.chat({ ...base, session_id: session, query: '有哪些数据库' });
      const events = parseStream(
        await harness.chat({
          ...base,
          session_id: session,
          history_len: historyLen,
          query: '那这条SQL为什么慢',
        }),
      );
      const texts = textsOf(events);
      if (historyLen === 1) expect(texts).toContain('缺少参数query,db_name，请一次性提供完整');
      else
        expect(texts.some((t) => t.startsWith('慢SQLselect * from t1 where id = 7;的诊断结果如下'))).toBe(
          true,
        );
    }
  });

  it('answers a follow-up about the recommended index with the statement and database of the advice before it', async () => {
    const ask = {
      mode: 'tool_interaction',
      user_id: 'user123',
      session_id: 'index_follow_up',
      history_len: 1,
    };
    const advice = parseStream(
      await harness.chat({
        ...ask,
        query: '数据库test_db中有条sql语句select* from t1 where id = 10000;请帮我进行一下索引推荐',
      }),
    );
    expect(textsOf(advice)).toContain('推荐的索引如下表所示：');
    const followUp = parseStream(
      await harness.chat({ ...ask, query: '请帮我在test_db上创建推荐的索引idx_t1_id' }),
    );
    const texts = textsOf(followUp);
    expect(texts.filter((t) => t.startsWith('缺少参数'))).toEqual([]);
    expect(texts).toContain('推荐的索引如下表所示：');
  });

  it('says so when no tool answers the question', async () => {
    const texts = textsOf(
      parseStream(
        await harness.chat({
          query: '今天天气怎么样',
          mode: 'tool_interaction',
          user_id: 'u1',
          session_id: 's_weather',
        }),
      ),
    );
    expect(texts).toEqual(['工具匹配中...', '用户提问的问题无法用第三方工具解答。', 'DONE']);
  });

  it('answers a failing tool with 工具执行异常 and the reason', async () => {
    const events = parseStream(
      await harness.chat({
        query: '数据库no_such_db里 select * from t1 where id = 1; 请做索引推荐',
        mode: 'tool_interaction',
        user_id: 'u1',
        session_id: 's_fail',
      }),
    );
    const answer = events.at(-2);
    expect(answer?.success && answer.data[0]).toEqual({ type: 'str', content: '工具执行异常' });
    expect(answer?.success && answer.data[1]).toMatchObject({ type: 'str', color: 'red' });
    expect(textsOf(events)).toContainEqual(expect.stringContaining('数据库不存在') as string);
  });

  it('validates every input with a message naming the parameter and the rule', async () => {
    const valid = {
      query: '有哪些数据库',
      mode: 'tool_interaction',
      user_id: 'user123',
      session_id: 'session123',
    };
    const cases: [unknown, string][] = [
      [{ ...valid, query: undefined }, 'Incorrect value for parameter query: is required.'],
      [{ ...valid, query: '' }, 'Incorrect value for parameter query: must not be empty.'],
      [
        { ...valid, user_id: 'u' },
        'Incorrect value for parameter user_id: must be 2 to 120 characters, only letters, digits and underscores.',
      ],
      [
        { ...valid, session_id: 'session-1' },
        'Incorrect value for parameter session_id: must be 2 to 120 characters, only letters, digits and underscores.',
      ],
      [
        { ...valid, mode: 'chat' },
        "Incorrect value for parameter mode: must be 'tool_interaction' or 'fault_diagnostic'.",
      ],
      [{ ...valid, history_len: 4 }, 'Incorrect value for parameter history_len: must be 1, 2 or 3.'],
      [{ ...valid, history_len: 1.5 }, 'Incorrect value for parameter history_len: must be an integer.'],
      [{ ...valid, history_len: '2' }, 'Incorrect value for parameter history_len: must be an integer.'],
    ];
    for (const [body, msg] of cases) {
      const response = await harness.request('POST', '/v1/api/app/intelligent-interaction', body);
      expect(response.status).toBe(400);
      expect(await response.text()).toBe(JSON.stringify({ msg, success: false }));
    }
    const broken = await harness.request('POST', '/v1/api/app/intelligent-interaction', '{"query":');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ msg: 'The request body is not valid JSON.', success: false });
  });

  it('answers a session that chose no cluster with an error, not with some other cluster', async () => {
    for (const [mode, query] of [
      ['tool_interaction', '有哪些数据库'],
      ['fault_diagnostic', '当前有哪些告警'],
    ]) {
      const text = await harness.chat({ query, mode, user_id: 'nobody', session_id: 's_none' });
      expect(textsOf(parseStream(text))).toContain(noInstanceChosen);
      expect(text).not.toContain('test_db');
    }
  });

  it('runs the alarm summary for the two exact questions, without progress steps', async () => {
    for (const query of ['当前数据库运行状况', '当前有哪些告警']) {
      const events = parseStream(
        await harness.chat({ query, mode: 'fault_diagnostic', user_id: 'u1', session_id: 's_status' }),
      );
      expect(textsOf(events)).toEqual(['可巡检1个节点，未发现异常节点. ', 'DONE']);
    }
  });
});

describe('models', () => {
  it('lists the local router, and switches a session only to a listed model', async () => {
    const list = await harness.request('GET', '/v1/api/llms');
    expect(await list.text()).toBe('{"data":{"local":["local-router"],"online":[]},"success":true}');
    const put = (query: string) => harness.request('PUT', `/v1/api/llms?${query}`);
    expect(await (await put('name=local-router&user_id=user123&session_id=s1')).text()).toBe(
      '{"data":true,"success":true}',
    );
    expect(await (await put('name=pangu&user_id=user123&session_id=s1')).text()).toBe(
      '{"data":false,"success":true}',
    );
    const bad = await put('name=pangu&user_id=x&session_id=s1');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      msg: 'Incorrect value for parameter user_id: must be 2 to 120 characters, only letters, digits and underscores.',
      success: false,
    });
  });
});

describe('clusters', () => {
  const register = (body: Record<string, unknown>) =>
    harness.request('POST', '/v1/api/clusters/register', body);

  it('lists the managed instances, registered or not', async () => {
    const response = await harness.request('GET', '/v1/api/clusters');
    expect(await response.json()).toEqual({
      data: {
        [`127.0.0.1:${primary.port}`]: {
          cluster_name: 'alpha',
          instances: [`127.0.0.1:${primary.port}`],
          managed: true,
        },
        [`127.0.0.1:${secondary.port}`]: {
          cluster_name: '',
          instances: [`127.0.0.1:${secondary.port}`],
          managed: false,
        },
      },
      success: true,
    });
  });

  it('registers with a real log-in: 503 on a wrong password, 1001 when not managed, 0, then 1002 for a taken name', async () => {
    const account = { host: '127.0.0.1', username: primary.user };
    expect(
      await (
        await register({ ...account, cluster_name: 'c1', port: primary.port, password: 'wrong' })
      ).json(),
    ).toEqual({
      data: { msg: '无法连接到此集群', status: 503 },
      success: true,
    });
    expect(
      await (await register({ ...account, cluster_name: 'c1', port: 1, password: primary.password })).json(),
    ).toEqual({
      data: { msg: 'dbmind没有纳管此集群，无法注册', status: 1001 },
      success: true,
    });
    // The document sends the port as a string.
    expect(
      await (
        await register({
          ...account,
          cluster_name: 'c1',
          port: String(primary.port),
          password: primary.password,
        })
      ).text(),
    ).toBe('{"data":{"msg":"注册成功","status":0},"success":true}');
    expect(
      await (
        await register({ ...account, cluster_name: 'c1', port: secondary.port, password: secondary.password })
      ).json(),
    ).toEqual({ data: { msg: '该集群名已被占用', status: 1002 }, success: true });

    const bad = await register({ ...account, cluster_name: 'c2', port: 70000, password: 'x' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      msg: 'Incorrect value for parameter port: must be between 1 and 65535.',
      success: false,
    });
  });

  it('switches a session only to a registered cluster, and keeps registrations across restarts', async () => {
    const put = (instance: string) =>
      harness.request('PUT', `/v1/api/clusters?instance=${instance}&user_id=user123&session_id=s_switch`);
    expect(await (await put(`127.0.0.1:${primary.port}`)).text()).toBe('{"data":true,"success":true}');
    expect(await (await put(`127.0.0.1:${secondary.port}`)).text()).toBe('{"data":false,"success":true}');
    const malformed = await put('not-an-address');
    expect(malformed.status).toBe(400);

    const file = path.join(harness.dataDir, 'emulator', 'dbmind', 'registrations.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const restarted = await startDbmindHarness({
      dataDir: harness.dataDir,
      managedInstances: { list: () => Promise.resolve(instances) },
    });
    try {
      const clusters = (await (await restarted.request('GET', '/v1/api/clusters')).json()) as {
        data: Record<string, { cluster_name: string; managed: boolean }>;
      };
      expect(clusters.data[`127.0.0.1:${primary.port}`]).toMatchObject({ cluster_name: 'c1', managed: true });
      expect(clusters.data[`127.0.0.1:${secondary.port}`]).toMatchObject({ managed: false });
    } finally {
      await restarted.emulator.close();
      await restarted.dispatcher.close();
    }
  });
});

describe('mutual TLS', () => {
  it('refuses a client without a certificate in the TLS handshake', async () => {
    const ca = await readFile(pkiFiles(path.join(harness.dataDir, 'pki')).ca);
    const { port } = new URL(harness.emulator.dbmindUrl);
    const outcome = await new Promise<{ received: string; error?: string }>((resolve) => {
      let received = '';
      const socket = tls.connect(
        { host: '127.0.0.1', port: Number(port), ca, servername: 'localhost' },
        () => {
          socket.write('GET /v1/api/llms HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
        },
      );
      socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
      socket.on('error', (error: NodeJS.ErrnoException) => resolve({ received, error: error.code }));
      socket.on('close', () => resolve({ received }));
    });
    // TLS 1.3: the server's certificate_required alert ends the connection before any HTTP is answered.
    expect(outcome).toEqual({ received: '', error: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' });

    const anonymous = new Agent({ connect: { ca } });
    try {
      await expect(
        fetch(`${harness.emulator.dbmindUrl}/v1/api/llms`, { dispatcher: anonymous }),
      ).rejects.toThrow();
    } finally {
      await anonymous.close();
    }
  });
});

describe('unexpected failures', () => {
  it('answer the internal-error shape, in the stream and in plain calls', async () => {
    let gone = false;
    const broken = await startDbmindHarness({
      managedInstances: {
        list: () =>
          gone ? Promise.reject(new Error('the cluster store is gone')) : Promise.resolve(instances),
      },
    });
    try {
      await broken.choose('u1', instances[0]!);
      gone = true;
      const text = await broken.chat({
        query: '有哪些数据库',
        mode: 'tool_interaction',
        user_id: 'u1',
        session_id: 's1',
      });
      expect(text).toBe(
        'data:{"data":[{"content":"工具匹配中...","type":"progress"}],"success":true}\n\n' +
          'data:{"data":[{"content":"工具调用中...","type":"progress"}],"success":true}\n\n' +
          'data:{"msg":"Internal server error.","success":false}\n\n',
      );
      const clusters = await broken.request('GET', '/v1/api/clusters');
      expect(clusters.status).toBe(200);
      expect(await clusters.text()).toBe('{"msg":"Internal server error.","success":false}');
    } finally {
      await broken.close();
    }
  });
});
