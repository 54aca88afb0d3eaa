import { z } from 'zod/mini';
import { dwsRules, type FieldRule, type RuleCheck } from './rules.ts';

/**
 * Every issue a DWS schema raises names the rule it broke in `params.rule`, so one function
 * (`dwsErrorBody`) can turn any failed parse into the error code of seed table 7-2.
 */
export function ruleIssue(rule: FieldRule, input: unknown, path?: PropertyKey[]) {
  return {
    code: 'custom' as const,
    message: rule.message,
    params: { rule: rule.id },
    input,
    ...(path ? { path } : {}),
  };
}

/** A required field: missing (or null) breaks `required`, anything else is judged by `check`. */
export function requiredField<T>(check: RuleCheck) {
  return z.custom<T>().check((ctx) => {
    if (ctx.value === undefined || ctx.value === null) {
      ctx.issues.push(ruleIssue(dwsRules.required, ctx.value));
      return;
    }
    const broken = check(ctx.value);
    if (broken) ctx.issues.push(ruleIssue(broken, ctx.value));
  });
}

/** An optional field: absent or null means "use the default"; a present value must pass `check`. */
export function optionalField<T>(check: RuleCheck) {
  return z.optional(
    z.pipe(
      z.custom<T | null | undefined>().check((ctx) => {
        if (ctx.value === undefined || ctx.value === null) return;
        const broken = check(ctx.value);
        if (broken) ctx.issues.push(ruleIssue(broken, ctx.value));
      }),
      z.transform((value: T | null | undefined) => value ?? undefined),
    ),
  );
}

/** Objects in request bodies: a missing one is `required`, anything but a plain object breaks `format`. */
export function requestObject<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return z.object(shape, {
    error: (issue) =>
      issue.input === undefined || issue.input === null
        ? dwsRules.required.message
        : dwsRules.requestFormat.message,
  });
}
