import {
  dbmindProgress,
  dbmindTimePattern,
  missingParametersText,
  type DbmindElement,
} from '@dws-console/shared';
import type { InteractionModel } from '../model/model.ts';
import { progress, str } from '../output-elements.ts';
import { findTool, tools } from '../tools/tool-registry.ts';
import type { Tool, ToolArguments } from '../tools/tool.ts';
import { toolContextFor, type DbmindServices } from './services.ts';

export const noToolAnswer = '用户提问的问题无法用第三方工具解答。';

export interface ToolInteractionInput {
  userId: string;
  sessionId: string;
  question: string;
  historyLength: number;
  model: InteractionModel;
  signal: AbortSignal;
}

/** GaussMaster's `verify_arguments`: typed, non-empty values for the declared parameters; the missing required ones. */
export function verifyArguments(
  tool: Tool,
  raw: Record<string, unknown>,
): { args: ToolArguments; missing: string[] } {
  const args: ToolArguments = {};
  const missing: string[] = [];
  for (const param of tool.params) {
    const value = raw[param.name];
    let accepted: string | number | undefined;
    if (param.type === 'int') {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
      if (Number.isInteger(n)) accepted = n;
    } else if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value).trim();
      const isTime = param.name.endsWith('_time');
      if (text !== '' && text.toLowerCase() !== 'none' && (!isTime || dbmindTimePattern.test(text)))
        accepted = text;
    }
    if (accepted !== undefined) args[param.name] = accepted;
    else if (param.required) missing.push(param.name);
  }
  return { args, missing };
}

/** Runs a tool on the session's cluster. */
async function callTool(
  services: DbmindServices,
  input: ToolInteractionInput,
  tool: Tool,
  args: ToolArguments,
): Promise<DbmindElement[]> {
  const context = await toolContextFor(services, input.userId, input.sessionId, input.signal);
  return tool.run(context, args);
}

/**
 * The tool interaction of GaussMaster's `DBA.interact_with_tool`: match a tool (unless one is pending for the
 * session), extract its parameters from the question and up to `history_len` earlier turns, ask for what is
 * missing and remember the tool, or call it and answer with its elements.
 */
export async function* toolInteraction(
  services: DbmindServices,
  input: ToolInteractionInput,
): AsyncGenerator<DbmindElement[]> {
  const { sessions } = services;
  const { userId, sessionId, question } = input;
  const remember = (answer: string, call?: { tool: string; arguments: Record<string, unknown> }) =>
    sessions.addTurn(userId, sessionId, { question, answer, functionCall: call });

  let tool = (() => {
    const pending = sessions.pendingTool(userId, sessionId);
    return pending ? findTool(pending) : undefined;
  })();

  if (!tool) {
    yield [progress(dbmindProgress.matchingTool)];
    const name = await input.model.matchTool(question, tools, input.signal);
    const matched = name ? findTool(name) : undefined;
    if (!matched) {
      sessions.setPendingTool(userId, sessionId, undefined);
      remember(noToolAnswer);
      yield [str(noToolAnswer)];
      return;
    }
    if (matched.params.length === 0) {
      yield [progress(dbmindProgress.callingTool)];
      const result = await callTool(services, input, matched, {});
      sessions.setPendingTool(userId, sessionId, undefined);
      remember(`将为您调用工具${matched.name}`, { tool: matched.name, arguments: {} });
      yield result;
      return;
    }
    tool = matched;
  }

  yield [progress(dbmindProgress.extractingParameters)];
  const history = sessions.recentTurns(userId, sessionId, input.historyLength);
  const extraction = await input.model.extractArguments(
    { question, tool, history, now: new Date(services.now()) },
    input.signal,
  );
  if (extraction.kind === 'reply') {
    sessions.setPendingTool(userId, sessionId, tool.name);
    remember(extraction.text);
    yield [str(extraction.text)];
    return;
  }
  const { args, missing } = verifyArguments(tool, extraction.arguments);
  if (missing.length > 0) {
    const text = missingParametersText(missing);
    sessions.setPendingTool(userId, sessionId, tool.name);
    remember(text, { tool: tool.name, arguments: args });
    yield [str(text)];
    return;
  }
  yield [progress(dbmindProgress.callingTool)];
  const result = await callTool(services, input, tool, args);
  sessions.setPendingTool(userId, sessionId, undefined);
  remember(`将调用工具${tool.name}`, { tool: tool.name, arguments: args });
  yield result;
}
