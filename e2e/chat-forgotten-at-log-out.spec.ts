import { expect, test, type Page } from '@playwright/test';
import { logIn, uniqueName } from './support.ts';

/** Where the chat keeps a user's conversations (web/src/features/chat/hooks/conversation-store.ts). */
const chatKeyPrefix = 'dws-console.chat.';

/**
 * Every key and value the page's origin keeps in localStorage, sessionStorage and IndexedDB, as text: what
 * the next person at this browser could read. A string, as the journeys' other page scripts: the journeys
 * are typed without the DOM's declarations.
 */
const readStorage = `(async () => {
  const entries = [];
  for (const [area, storage] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]]) {
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      entries.push({ area, key, value: storage.getItem(key) ?? '' });
    }
  }
  const done = (request) =>
    new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    const database = await done(indexedDB.open(name));
    for (const store of Array.from(database.objectStoreNames)) {
      const objects = database.transaction(store).objectStore(store);
      const [keys, values] = await Promise.all([done(objects.getAllKeys()), done(objects.getAll())]);
      keys.forEach((key, i) => {
        const where = name + '/' + store + '/' + JSON.stringify(key);
        entries.push({ area: 'indexedDB', key: where, value: JSON.stringify(values[i]) });
      });
    }
    database.close();
  }
  return entries;
})()`;

interface StoredEntry {
  area: 'localStorage' | 'sessionStorage' | 'indexedDB';
  key: string;
  value: string;
}

const storedEntries = (page: Page) => page.evaluate<StoredEntry[]>(readStorage);

/**
 * A database of the journey's own in IndexedDB (the console keeps none there), so the reader above is seen
 * to find what IndexedDB holds, before log-out and after.
 */
const probeValue = 'journey-probe-value';
const writeProbe = `new Promise((resolve, reject) => {
  const opening = indexedDB.open('journey-probe', 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore('probe');
  opening.onerror = () => reject(opening.error);
  opening.onsuccess = () => {
    const database = opening.result;
    const writing = database.transaction('probe', 'readwrite');
    writing.objectStore('probe').put({ text: '${probeValue}' }, 'entry');
    writing.oncomplete = () => {
      database.close();
      resolve(true);
    };
    writing.onerror = () => reject(writing.error);
  };
})`;
const holdsProbe = (entries: StoredEntry[]) =>
  entries.some((entry) => entry.area === 'indexedDB' && entry.value.includes(probeValue));

test('log-out leaves no chat text in the browser’s storage', async ({ page }) => {
  test.setTimeout(120_000);
  // A question no other journey asks, so finding it in storage can only mean this conversation.
  const question = `当前有哪些告警？（${uniqueName('log-out-check')}）`;
  await logIn(page, '/chat');

  await page.getByRole('button', { name: '新建对话' }).click();
  await page.getByLabel('描述问题，例如：当前有哪些告警').fill(question);
  await page.getByRole('button', { name: /发\s*送/ }).click();
  const answer = page.getByTestId('answer').last();
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

  // The conversation is kept while logged in: the checks after log-out look where the text really was.
  await page.evaluate(writeProbe);
  const before = await storedEntries(page);
  expect(holdsProbe(before)).toBe(true);
  const chatEntries = before.filter((entry) => entry.key.startsWith(chatKeyPrefix));
  expect(chatEntries.map((entry) => entry.area)).toEqual(['localStorage']);
  expect(chatEntries[0]?.value).toContain(question);

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);

  const after = await storedEntries(page);
  expect(holdsProbe(after)).toBe(true);
  expect(after.filter((entry) => entry.key.startsWith(chatKeyPrefix))).toEqual([]);
  expect(after.filter((entry) => entry.key.includes(question) || entry.value.includes(question))).toEqual([]);

  // Nor does a reload of the log-in page bring any of it back.
  await page.reload();
  const reloaded = await storedEntries(page);
  expect(
    reloaded.filter((entry) => entry.key.startsWith(chatKeyPrefix) || entry.value.includes(question)),
  ).toEqual([]);
});
