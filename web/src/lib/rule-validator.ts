import type { FieldRule } from '@dws-console/shared';
import type { Locale } from './i18n.tsx';
import { ruleText } from './rule-texts.ts';

type Check = (value: unknown) => FieldRule | undefined;

/**
 * An antd Form validator from a shared check, so the form refuses exactly what the BFF and DWS refuse,
 * with the same rule in the user's language. An empty input reaches the check as undefined.
 */
export function ruleValidator(check: Check, locale: Locale) {
  return {
    validator: (_rule: unknown, value: unknown): Promise<void> => {
      const broken = check(value === '' ? undefined : value);
      return broken ? Promise.reject(new Error(ruleText(broken, locale))) : Promise.resolve();
    },
  };
}

/** For a field the request may leave out: empty means "the service's default" and passes. */
export function optional(check: Check): Check {
  return (value) => (value === undefined || value === null ? undefined : check(value));
}
