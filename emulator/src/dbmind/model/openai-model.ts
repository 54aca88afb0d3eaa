import { formatDbmindTime } from '@dws-console/shared';
import { ModelError } from '../errors.ts';
import type { ToolSpec } from '../tools/tool.ts';
import type { Extraction, ExtractionInput, InteractionModel } from './model.ts';

export interface OpenAiEndpoint {
  /** e.g. `http://127.0.0.1:11434/v1` (the part before `/chat/completions`). */
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
}

interface ToolCall {
  type?: string;
  function?: { name?: string; arguments?: string | Record<string, unknown> };
}

interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

interface AssistantMessage {
  content?: string | null;
  tool_calls?: ToolCall[];
}

const weekdays = ['日', '一', '二', '三', '四', '五', '六'];

function functionSchema(tool: ToolSpec, withParameters: boolean) {
  const properties: Record<string, { type: string; description: string }> = {};
  if (withParameters) {
    for (const p of tool.params) {
      properties[p.name] = { type: p.type === 'int' ? 'integer' : 'string', description: p.description };
    }
  }
  return {
    type: 'function',
    function: {
      name: tool.name,
      description: tool.description,
      parameters: {
        type: 'object',
        properties,
        required: withParameters ? tool.params.filter((p) => p.required).map((p) => p.name) : [],
      },
    },
  };
}

function url(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path}`;
}

function headers(endpoint: OpenAiEndpoint): Record<string, string> {
  const h: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (endpoint.apiKey) h.Authorization = `Bearer ${endpoint.apiKey}`;
  return h;
}

/** Lists the endpoint's models (`GET /models`); undefined when it does not answer. */
export async function probeEndpoint(
  endpoint: OpenAiEndpoint,
  timeoutMs = 3000,
): Promise<string[] | undefined> {
  try {
    const response = await fetch(url(endpoint.baseUrl, 'models'), {
      headers: headers(endpoint),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return undefined;
    }
    const body = (await response.json()) as { data?: { id?: unknown }[] };
    return (body.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string');
  } catch {
    return undefined;
  }
}

/**
 * A model behind an OpenAI-compatible chat completions endpoint (vLLM, Ollama, LM Studio, a cloud service) that
 * chooses tools and their parameters by function calling. Any failure is a `ModelError` (`大模型服务异常`).
 */
export class OpenAiCompatibleModel implements InteractionModel {
  constructor(
    readonly name: string,
    private readonly endpoint: OpenAiEndpoint,
  ) {}

  async matchTool(
    question: string,
    tools: readonly ToolSpec[],
    signal: AbortSignal,
  ): Promise<string | undefined> {
    const message = await this.#chat(
      {
        messages: [
          {
            role: 'system',
            content:
              '你是数据库运维助手。请从给定的工具中选择一个能回答用户问题的工具并调用它；如果没有合适的工具，请直接回答"无"。',
          },
          { role: 'user', content: question },
        ],
        tools: tools.map((t) => functionSchema(t, false)),
        tool_choice: 'auto',
      },
      signal,
    );
    const called = message.tool_calls?.[0]?.function?.name;
    if (called) return tools.some((t) => t.name === called) ? called : undefined;
    // Some servers answer with the tool's name as text instead of a call.
    const text = (message.content ?? '').trim();
    return tools.find((t) => t.name === text)?.name;
  }

  async extractArguments(input: ExtractionInput, signal: AbortSignal): Promise<Extraction> {
    const now = input.now;
    const messages: ChatMessage[] = [
      {
        role: 'system',
        content:
          `你是数据库运维助手，需要为工具${input.tool.name}提取参数。当前时间是${formatDbmindTime(now)}，` +
          `今天是${now.getFullYear()}年${now.getMonth() + 1}月${now.getDate()}日，星期${weekdays[now.getDay()]}。` +
          '时间参数的格式为%Y-%m-%d %H:%M:%S。只提取问题和对话历史中出现的信息，不要编造参数；缺少的参数留空。',
      },
    ];
    for (const turn of input.history) {
      messages.push({ role: 'user', content: turn.question });
      const call = turn.functionCall
        ? `（调用了工具${turn.functionCall.tool}，参数${JSON.stringify(turn.functionCall.arguments)}）`
        : '';
      messages.push({ role: 'assistant', content: `${turn.answer}${call}` });
    }
    messages.push({ role: 'user', content: input.question });
    const message = await this.#chat(
      {
        messages,
        tools: [functionSchema(input.tool, true)],
        tool_choice: { type: 'function', function: { name: input.tool.name } },
      },
      signal,
    );
    const call =
      message.tool_calls?.find((c) => c.function?.name === input.tool.name) ?? message.tool_calls?.[0];
    if (!call?.function) {
      const text = (message.content ?? '').trim();
      if (!text) throw new ModelError('the model answered neither a tool call nor text');
      return { kind: 'reply', text };
    }
    const raw = call.function.arguments ?? {};
    if (typeof raw !== 'string') return { kind: 'call', arguments: raw };
    try {
      const parsed: unknown = raw.trim() === '' ? {} : JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new ModelError('tool call arguments are not a JSON object');
      }
      return { kind: 'call', arguments: parsed as Record<string, unknown> };
    } catch (error) {
      if (error instanceof ModelError) throw error;
      throw new ModelError('tool call arguments are not valid JSON', { cause: error });
    }
  }

  async #chat(
    body: { messages: ChatMessage[]; tools: unknown[]; tool_choice: unknown },
    signal: AbortSignal,
  ): Promise<AssistantMessage> {
    let response: Response;
    try {
      response = await fetch(url(this.endpoint.baseUrl, 'chat/completions'), {
        method: 'POST',
        headers: headers(this.endpoint),
        body: JSON.stringify({ model: this.name, temperature: 0, stream: false, ...body }),
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.endpoint.timeoutMs)]),
      });
    } catch (error) {
      throw new ModelError(`the model endpoint did not answer: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new ModelError(`the model endpoint answered HTTP ${response.status}`);
    }
    let parsed: { choices?: { message?: AssistantMessage }[] };
    try {
      parsed = (await response.json()) as typeof parsed;
    } catch (error) {
      throw new ModelError('the model endpoint answered something that is not JSON', { cause: error });
    }
    const message = parsed.choices?.[0]?.message;
    if (!message) throw new ModelError('the model endpoint answered no choices');
    return message;
  }
}
