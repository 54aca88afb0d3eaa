import { expect, type Page } from '@playwright/test';

/** Logs in through the log-in page as a demo user and waits for the console. */
export async function logIn(page: Page, username = 'admin', password = 'Admin@12345'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('IAM 用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page).toHaveURL(/\/clusters$/);
}
