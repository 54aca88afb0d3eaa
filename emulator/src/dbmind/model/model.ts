import type { Turn } from '../sessions.ts';
import type { ToolSpec } from '../tools/tool.ts';

export interface ExtractionInput {
  question: string;
  tool: ToolSpec;
  /** Up to `history_len` earlier turns of the session, oldest first. */
  history: Turn[];
  now: Date;
}

/** The model called the tool with these arguments, or answered in words instead. */
export type Extraction =
  { kind: 'call'; arguments: Record<string, unknown> } | { kind: 'reply'; text: string };

/** What GaussMaster asks of a large language model: pick a tool, then fill in its parameters. */
export interface InteractionModel {
  readonly name: string;
  /** The tool's name, or undefined when no tool answers the question. */
  matchTool(question: string, tools: readonly ToolSpec[], signal: AbortSignal): Promise<string | undefined>;
  extractArguments(input: ExtractionInput, signal: AbortSignal): Promise<Extraction>;
}
