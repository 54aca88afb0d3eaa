import type { z } from 'zod/mini';
import { dwsRuleById, dwsRules, type FieldRule } from './rules.ts';

/** The DWS error body (`{"error_code","error_msg"}`). */
export interface DwsErrorBody {
  error_code: string;
  error_msg: string;
}

export interface DwsValidationFailure {
  status: number;
  rule: FieldRule;
  /** Where the value sits in the body, e.g. `cluster.user_pwd`; empty for the body itself. */
  field: string;
  body: DwsErrorBody;
}

/** The message every rule is reported with: the field, then what it must be. */
export function ruleMessage(field: string, rule: FieldRule): string {
  return `${field === '' ? 'The request body' : field}: ${rule.message}`;
}

export function dwsRuleError(field: string, rule: FieldRule): DwsValidationFailure {
  return {
    status: rule.status,
    rule,
    field,
    body: { error_code: rule.errorCode, error_msg: ruleMessage(field, rule) },
  };
}

function ruleOf(issue: z.core.$ZodIssue): FieldRule {
  if (issue.code === 'custom') {
    const id: unknown = issue.params?.rule;
    const rule = typeof id === 'string' ? dwsRuleById(id) : undefined;
    if (rule) return rule;
  }
  return issue.message === dwsRules.required.message ? dwsRules.required : dwsRules.requestFormat;
}

/**
 * Turns a failed parse of one of the DWS request schemas into the answer DWS gives: the first broken rule's
 * status and error code (seed table 7-2), and a message naming the field and the rule.
 */
export function dwsValidationFailure(error: z.core.$ZodError): DwsValidationFailure {
  const issue = error.issues[0];
  if (!issue) return dwsRuleError('', dwsRules.requestFormat);
  return dwsRuleError(issue.path.map(String).join('.'), ruleOf(issue));
}

/** Just the body of `dwsValidationFailure`. */
export function dwsErrorBody(error: z.core.$ZodError): DwsErrorBody {
  return dwsValidationFailure(error).body;
}
