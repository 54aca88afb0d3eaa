import {
  dbmindFailureTexts,
  dbmindStatusQuestions,
  type DbmindElement,
  type ParsedInteractionRequest,
} from '@dws-console/shared';
import { faultDiagnosis } from '../diagnosis/fault-diagnosis.ts';
import { KnowledgeBaseError, ModelError, ToolError } from '../errors.ts';
import { failure, str } from '../output-elements.ts';
import { summariseAlarms } from '../tools/summary-alarms.ts';
import { toolContextFor, type DbmindServices } from './services.ts';
import { toolInteraction } from './tool-interaction.ts';

/**
 * One chat message: the two exact status questions, the tool interaction or the fault diagnosis. Known failures
 * become the documented answers; anything else propagates (the router answers the internal-error shape).
 */
export async function* interact(
  services: DbmindServices,
  request: ParsedInteractionRequest,
  signal: AbortSignal,
): AsyncGenerator<DbmindElement[]> {
  const { user_id: userId, session_id: sessionId, query } = request;
  try {
    if ((dbmindStatusQuestions as readonly string[]).includes(query.trim())) {
      const context = await toolContextFor(services, userId, sessionId, signal);
      const now = services.now();
      yield await summariseAlarms(context, now - 60 * 60_000, now);
      return;
    }
    if (request.mode === 'tool_interaction') {
      const model = services.models.model(services.sessions.llmFor(userId, sessionId));
      yield* toolInteraction(services, {
        userId,
        sessionId,
        question: query,
        historyLength: request.history_len,
        model,
        signal,
      });
      return;
    }
    yield* faultDiagnosis(services, { userId, sessionId, query, signal });
  } catch (error) {
    if (error instanceof ToolError) {
      console.error(`dbmind: tool failed: ${error.reason}`);
      yield [failure(dbmindFailureTexts.tool), str(error.reason, 'red')];
      return;
    }
    if (error instanceof ModelError) {
      console.error(`dbmind: model failed: ${error.message}`);
      yield [failure(dbmindFailureTexts.model)];
      return;
    }
    if (error instanceof KnowledgeBaseError) {
      console.error(`dbmind: knowledge base failed: ${error.message}`);
      yield [failure(dbmindFailureTexts.knowledgeBase)];
      return;
    }
    throw error;
  }
}
