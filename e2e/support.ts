import { expect, type Page } from '@playwright/test';

/** Logs in through the form, as a user would, and lands on `path`. */
export async function logIn(page: Page, path: string, user = 'admin', password = 'Admin@12345') {
  await page.goto(path);
  await page.getByLabel('IAM 用户名').fill(user);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page).toHaveURL(new RegExp(`${path.replace(/\//g, '\\/')}$`));
}
