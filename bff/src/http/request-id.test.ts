import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../observability/audit-log.ts';
import { startHarness, type Harness } from '../testing/harness.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the request id', () => {
  it('keeps a caller’s UUID, with or without dashes', async () => {
    for (const id of ['0f8fad5b-d9cb-469f-a165-70867728950e', '0F8FAD5BD9CB469FA16570867728950E']) {
      const response = await harness.request('/healthz', { headers: { 'X-Request-Id': id } });
      expect(response.headers.get('x-request-id')).toBe(id);
    }
  });

  it('replaces anything else with a new one', async () => {
    const forged = [
      'abcdefgh',
      'admin-logged-in-ok',
      '0f8fad5b-d9cb469f-a165-70867728950e',
      '0f8fad5b-d9cb-469f-a165-70867728950e0',
      `${'a'.repeat(32)}-${'b'.repeat(20)}`,
      '"><script>',
    ];
    for (const id of forged) {
      const response = await harness.request('/healthz', { headers: { 'X-Request-Id': id } });
      const given = response.headers.get('x-request-id') ?? '';
      expect(given, id).not.toBe(id);
      expect(given).toMatch(uuid);
    }
  });
});

describe('the audit trail', () => {
  it('records the client’s address and user agent, without control characters', async () => {
    const response = await harness.request('/api/session', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Requested-With': 'XMLHttpRequest',
        'User-Agent': 'AuditProbe/1.0\tfake-entry',
        'X-Request-Id': '5d2f3c0a-8c1b-4e7f-9a3d-2b1c0e9f8a7d',
      },
      body: JSON.stringify({ domain: 'demo', username: 'viewer', password: 'wrong', project: 'ae-ad-1' }),
    });
    expect(response.status).toBe(401);
    const entries = (await readFile(harness.auditLogFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditEntry);
    const entry = entries.find((e) => e.requestId === '5d2f3c0a-8c1b-4e7f-9a3d-2b1c0e9f8a7d');
    expect(entry).toMatchObject({
      user: 'demo/viewer',
      address: expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/) as unknown,
      userAgent: 'AuditProbe/1.0fake-entry',
      status: 401,
      result: 'failed',
    });
  });
});
