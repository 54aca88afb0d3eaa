import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../demo/demo-data.ts';
import {
  managedInstanceOf,
  parseStream,
  startDbmindHarness,
  textsOf,
  type DbmindHarness,
} from '../testing/dbmind-harness.ts';
import { startTestPostgres, type TestPostgres } from '../testing/postgres-server.ts';
import { ModelRegistry } from './model-registry.ts';

interface Recorded {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown> | undefined;
}

/**
 * A scripted OpenAI-compatible server: it answers like one (models list, chat completions with tool calls) and
 * records every request, so the test can check what DBMind sends. No model runs here.
 */
class FakeOpenAi {
  readonly requests: Recorded[] = [];
  failExtraction = false;
  server: Server = createServer((req, res) => void this.#handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    this.requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization,
      body,
    });
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.headers.authorization !== 'Bearer test-key') return json(401, { error: { message: 'bad key' } });
    if (req.method === 'GET' && req.url === '/v1/models') {
      return json(200, { object: 'list', data: [{ id: 'fake-llm', object: 'model' }] });
    }
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions' || !body) return json(404, {});
    const messages = body.messages as { role: string; content: string }[];
    const question = messages.at(-1)!.content;
    const call = (name: string, args: Record<string, unknown>) =>
      json(200, {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            finish_reason: 'tool_calls',
            message: {
              role: 'assistant',
              content: null,
              tool_calls: [
                { id: 'call_1', type: 'function', function: { name, arguments: JSON.stringify(args) } },
              ],
            },
          },
        ],
      });
    if (body.tool_choice === 'auto') {
      if (/databases/i.test(question)) return call('get_database_info', {});
      if (/index/i.test(question)) return call('index_recommendation', {});
      return json(200, { choices: [{ index: 0, message: { role: 'assistant', content: '无' } }] });
    }
    if (this.failExtraction) return json(503, { error: { message: 'overloaded' } });
    const sql = /select .*?(?=;| in )/i.exec(question)?.[0];
    const db = /\b(test_db)\b/.exec(question)?.[1];
    return call('index_recommendation', { sql, db_name: db });
  }
}

let server: TestPostgres;
let fake: FakeOpenAi;
let harness: DbmindHarness;

beforeAll(async () => {
  fake = new FakeOpenAi();
  const [baseUrl, pg] = await Promise.all([fake.start(), startTestPostgres()]);
  server = pg;
  await seedDemoData({
    host: pg.host,
    port: pg.port,
    user: pg.user,
    password: pg.password,
    database: 'postgres',
  });
  const instance = managedInstanceOf(pg);
  harness = await startDbmindHarness({
    managedInstances: { list: () => Promise.resolve([instance]) },
    dbmind: { endpoint: { baseUrl, apiKey: 'test-key', models: ['fake-llm'], timeoutMs: 5000 } },
  });
  await harness.choose('llm_user', instance);
});

afterAll(async () => {
  await harness?.close();
  await server?.destroy();
  await new Promise((resolve) => fake?.server.close(resolve));
});

const chat = async (query: string, sessionId: string) =>
  parseStream(
    await harness.chat({ query, mode: 'tool_interaction', user_id: 'llm_user', session_id: sessionId }),
  );

describe('an OpenAI-compatible model', () => {
  it('is listed under online while its probe answers, and can be chosen', async () => {
    expect(await (await harness.request('GET', '/v1/api/llms')).text()).toBe(
      '{"data":{"local":["local-router"],"online":["fake-llm"]},"success":true}',
    );
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/v1/models',
      authorization: 'Bearer test-key',
    });
    for (const session of ['pick', 'extract', 'broken']) {
      const put = await harness.request(
        'PUT',
        `/v1/api/llms?name=fake-llm&user_id=llm_user&session_id=${session}`,
      );
      expect(await put.json()).toEqual({ data: true, success: true });
    }
  });

  it('picks the tool by function calling', async () => {
    const before = fake.requests.length;
    const events = await chat('Which databases exist on this instance?', 'pick');
    expect(textsOf(events)).toEqual(['工具匹配中...', '工具调用中...', '当前实例数据库信息如下: ', 'DONE']);
    const [request] = fake.requests.slice(before);
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      authorization: 'Bearer test-key',
    });
    const body = request!.body as {
      model: string;
      tool_choice: unknown;
      tools: { type: string; function: { name: string; parameters: unknown } }[];
      messages: { role: string; content: string }[];
    };
    expect(body.model).toBe('fake-llm');
    expect(body.tool_choice).toBe('auto');
    expect(body.tools.map((t) => t.function.name)).toEqual([
      'index_recommendation',
      'slow_sql_rca',
      'get_top_sqls',
      'get_locking_sql',
      'collect_stat_activity_workloads',
      'get_database_info',
      'get_instance_status',
      'get_guc_parameter',
      'get_metric_range_sequence',
      'summary_alarms',
    ]);
    expect(body.tools[0]).toMatchObject({
      type: 'function',
      function: { parameters: { type: 'object', properties: {}, required: [] } },
    });
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(body.messages[1]!.content).toBe('Which databases exist on this instance?');
  });

  it('fills the parameters by a forced function call, and the tool runs on the real instance', async () => {
    const before = fake.requests.length;
    const events = await chat(
      'Recommend an index for select * from t1 where id = 10000 in test_db',
      'extract',
    );
    expect(textsOf(events)).toEqual([
      '工具匹配中...',
      '提取参数中...',
      '工具调用中...',
      '推荐的索引如下表所示：',
      'DONE',
    ]);
    const extraction = fake.requests.slice(before)[1]!.body as {
      tool_choice: unknown;
      tools: { function: { name: string; parameters: { properties: object; required: string[] } } }[];
      messages: { role: string; content: string }[];
    };
    expect(extraction.tool_choice).toEqual({ type: 'function', function: { name: 'index_recommendation' } });
    expect(extraction.tools).toHaveLength(1);
    expect(extraction.tools[0]!.function.parameters).toEqual({
      type: 'object',
      properties: {
        sql: { type: 'string', description: '必要参数，需要进行索引推荐的查询语句SQL' },
        db_name: { type: 'string', description: '必要参数，需要进行索引推荐的查询语句SQL所在的数据库名' },
      },
      required: ['sql', 'db_name'],
    });
    expect(extraction.messages[0]!.content).toMatch(
      /^你是数据库运维助手，需要为工具index_recommendation提取参数。当前时间是\d{4}-/,
    );
  });

  it('answers 大模型服务异常 when the model fails in the middle of an answer', async () => {
    fake.failExtraction = true;
    try {
      const text = await harness.chat({
        query: 'Recommend an index for select * from t1 where id = 1 in test_db',
        mode: 'tool_interaction',
        user_id: 'llm_user',
        session_id: 'broken',
      });
      expect(text).toBe(
        'data:{"data":[{"content":"工具匹配中...","type":"progress"}],"success":true}\n\n' +
          'data:{"data":[{"content":"提取参数中...","type":"progress"}],"success":true}\n\n' +
          'data:{"data":[{"content":"大模型服务异常","type":"str"}],"success":true}\n\n' +
          'data:{"data":[{"content":"DONE","type":"progress"}],"success":true}\n\n',
      );
    } finally {
      fake.failExtraction = false;
    }
  });

  it('is not listed when its probe does not answer', async () => {
    const closed = new ModelRegistry({
      endpoint: {
        baseUrl: 'http://127.0.0.1:9/v1',
        apiKey: 'test-key',
        models: ['fake-llm'],
        timeoutMs: 1000,
      },
    });
    expect(await closed.list()).toEqual({ local: ['local-router'], online: [] });
    expect(await closed.available('fake-llm')).toBe(false);
  });
});
