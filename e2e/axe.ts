import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core in the page (its source is evaluated, which the console's CSP allows) and fails on serious issues. */
export async function expectAccessible(page: Page, where: string) {
  // Strings, not functions: this package is typed without the DOM, and the page is where they run.
  if (!(await page.evaluate<boolean>("typeof window.axe === 'object'"))) await page.evaluate(axeSource);
  // Colours are judged at rest: a fade or a hover transition still running would be measured half-way.
  await expect
    .poll(() =>
      page.evaluate<number>(
        "document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity).length",
      ),
    )
    .toBe(0);
  const violations = await page.evaluate<AxeViolation[]>(
    "axe.run(document).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))",
  );
  // Soft: a journey goes on to its other pages and reports every finding, and still fails.
  expect
    .soft(
      violations.map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join(', ')}`,
      ),
      where,
    )
    .toEqual([]);
}
