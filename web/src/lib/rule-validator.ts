import type { FieldRule } from '@dws-console/shared';
import type { Locale } from './i18n.tsx';
import { ruleText } from './rule-texts.ts';

/**
 * An antd Form validator from a shared check, so the form refuses exactly what the BFF and DWS refuse,
 * with the same rule in the user's language.
 */
export function ruleValidator(check: (value: unknown) => FieldRule | undefined, locale: Locale) {
  return {
    validator: (_rule: unknown, value: unknown): Promise<void> => {
      const broken = check(value === '' ? undefined : value);
      return broken ? Promise.reject(new Error(ruleText(broken, locale))) : Promise.resolve();
    },
  };
}
