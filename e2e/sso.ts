import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { rememberSecrets } from './support.ts';

interface Person {
  username: string;
  password: string;
  groups: string[];
}

/** The demo identity provider's people: one mapped to the admin group, one to read-only, one to no group. */
export function person(group: string | undefined): Person {
  const file = path.join(import.meta.dirname, '..', 'emulator', 'config', 'dev-idp.json');
  const { people } = JSON.parse(readFileSync(file, 'utf8')) as { people: Person[] };
  const found = people.find((p) =>
    group ? p.groups.includes(group) : !p.groups.some((g) => g.startsWith('console-')),
  );
  if (!found) throw new Error(`${file} has nobody in ${group ?? 'no console group'}`);
  rememberSecrets(found.password);
  return found;
}

export const ssoLink = (page: Page) => page.getByRole('link', { name: '使用 Demo IdP 登录' });

/** At the provider's own sign-in page, as a person would. */
export async function signInAtProvider(page: Page, who: Person) {
  await expect(page.getByRole('heading', { name: 'Demo identity provider' })).toBeVisible();
  await page.getByLabel('User name').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The console's own cookies (the provider's, on 127.0.0.1, are its business). */
/** Opens `path` signed out, follows the log-in page's sign-on link and signs `who` in at the provider. */
export async function signOnFrom(page: Page, path: string, who: Person) {
  await page.goto(path);
  await ssoLink(page).click();
  await signInAtProvider(page, who);
}

export async function consoleCookies(context: BrowserContext) {
  return (await context.cookies()).filter((cookie) => cookie.domain === 'localhost');
}

/** The provider's cookies of one browser, to give another browser the same provider session. */
export async function providerCookies(context: BrowserContext) {
  return (await context.cookies()).filter((cookie) => cookie.domain === '127.0.0.1');
}
