import { z } from 'zod/mini';
import { dbmindMaxQuestionLength } from './question-limit.ts';

/** The two interaction types of `POST /v1/api/app/intelligent-interaction`. */
export const dbmindModes = ['tool_interaction', 'fault_diagnostic'] as const;
export type DbmindMode = (typeof dbmindModes)[number];

/** GaussMaster's rule for `user_id` and `session_id` (its `NAME_PATTERN`). */
export const dbmindIdentifierPattern = /^[A-Za-z0-9_]{2,120}$/;

function required(what: string) {
  return {
    error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`),
  };
}

export const dbmindIdentifierSchema = z
  .string(required('a string'))
  .check(
    z.regex(dbmindIdentifierPattern, 'must be 2 to 120 characters, only letters, digits and underscores'),
  );

const textSchema = z
  .string(required('a string'))
  .check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(dbmindMaxQuestionLength, `must be at most ${dbmindMaxQuestionLength} characters`),
  );

/** The request body of the streaming chat, with one clear message per documented rule. */
export const interactionRequestSchema = z.object({
  query: textSchema,
  user_id: dbmindIdentifierSchema,
  session_id: dbmindIdentifierSchema,
  mode: z.enum(dbmindModes, required("'tool_interaction' or 'fault_diagnostic'")),
  history_len: z._default(
    z
      .number(required('an integer'))
      .check(
        z.int('must be an integer'),
        z.minimum(1, 'must be 1, 2 or 3'),
        z.maximum(3, 'must be 1, 2 or 3'),
      ),
    1,
  ),
  /** Sent by the seed's second example; the model really comes from the session's `PUT /v1/api/llms` choice. */
  model_name: z.optional(z.string('must be a string').check(z.maxLength(dbmindMaxQuestionLength))),
});
export type InteractionRequest = z.input<typeof interactionRequestSchema>;
export type ParsedInteractionRequest = z.output<typeof interactionRequestSchema>;

/** Progress texts, in the order the stream emits them. */
export const dbmindProgress = {
  matchingTool: '工具匹配中...',
  extractingParameters: '提取参数中...',
  callingTool: '工具调用中...',
  queryingFaultTree: '查询故障树...',
  recognisingAlarm: '异常告警信息识别中...',
  recognisingParameters: '参数识别中...',
  done: 'DONE',
} as const;

/** The documented failure answers: ordinary `str` elements. */
export const dbmindFailureTexts = {
  tool: '工具执行异常',
  model: '大模型服务异常',
  knowledgeBase: '运维知识库异常',
} as const;

/** The body of a failed call or stream event: `{"msg":"Internal server error.","success":false}`. */
export const dbmindInternalErrorMessage = 'Internal server error.';

/** The two exact questions that run the alarm summary of the last 60 minutes in either mode. */
export const dbmindStatusQuestions = ['当前数据库运行状况', '当前有哪些告警'] as const;

/** Asks for parameters the model could not find; the session remembers the tool for the next message. */
export function missingParametersText(names: readonly string[]): string {
  return `缺少参数${names.join(',')}，请一次性提供完整`;
}

/** Time parameters of the tools use this layout (Python's `%Y-%m-%d %H:%M:%S`). */
export const dbmindTimePattern = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
