import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.ts';
import { csrfJson } from '../testing/probes.ts';

// The console's clock is the test's: the lock's end is reached by moving it, not by waiting.
let clock = Date.now();
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ now: () => clock });
});

afterAll(async () => {
  await harness?.close();
});

const attempt = (password: string) =>
  harness.request('/api/session', {
    method: 'POST',
    headers: csrfJson,
    body: JSON.stringify({ domain: 'demo', username: 'viewer', password, project: 'ae-ad-1' }),
  });

it('locks a user out after repeated wrong passwords, and lets the right one in once the lock has run out', async () => {
  for (let i = 0; i < 5; i += 1) expect((await attempt(`wrong-${i}`)).status).toBe(401);
  const locked = await attempt('Viewer@12345');
  expect(locked.status).toBe(429);
  const retryAfter = Number(locked.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);

  // A second before the lock runs out it still holds, even for the right password.
  clock += (retryAfter - 1) * 1000;
  expect((await attempt('Viewer@12345')).status).toBe(429);

  clock += 2000;
  const in_ = await attempt('Viewer@12345');
  expect(in_.status).toBe(201);
  // The success cleared the count: one more mistake is an ordinary 401, not a lock.
  expect((await attempt('wrong-again')).status).toBe(401);
});
