import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness.ts';

const run = promisify(execFile);
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

/** What sslscan (Debian's) finds on a server: the protocols it has enabled and every suite it accepted. */
async function scan(url: string): Promise<{ protocols: Record<string, string>; accepted: string[] }> {
  const { host, port } = new URL(url);
  const { stdout } = await run('sslscan', ['--no-colour', '--no-heartbleed', `${host}:${port}`], {
    timeout: 120_000,
  });
  const protocols: Record<string, string> = {};
  for (const match of stdout.matchAll(/^(SSLv[23]|TLSv1\.[0-3])\s+(enabled|disabled)/gm)) {
    protocols[match[1] ?? ''] = match[2] ?? '';
  }
  const accepted = [
    ...stdout.matchAll(/^(?:Preferred|Accepted)\s+(TLSv1\.[0-3]|SSLv[23])\s+\d+ bits\s+(\S+)/gm),
  ].map((m) => `${m[1]} ${m[2]}`);
  return { protocols, accepted };
}

function expectIntermediateProfile(result: Awaited<ReturnType<typeof scan>>): void {
  expect(result.protocols).toMatchObject({
    SSLv2: 'disabled',
    SSLv3: 'disabled',
    'TLSv1.0': 'disabled',
    'TLSv1.1': 'disabled',
    'TLSv1.2': 'enabled',
    'TLSv1.3': 'enabled',
  });
  expect(result.accepted.length).toBeGreaterThan(0);
  // Every suite accepted is one of the profile's: AEAD only, so no CBC and no SHA-1 MAC can be among them.
  for (const suite of result.accepted) {
    expect(suite).toMatch(
      /^(TLSv1\.2 ECDHE-(ECDSA|RSA)-(AES(128-GCM-SHA256|256-GCM-SHA384)|CHACHA20-POLY1305)|TLSv1\.3 TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256))$/,
    );
  }
  expect(result.accepted.some((suite) => suite.startsWith('TLSv1.2 '))).toBe(true);
}

describe('TLS as Mozilla’s intermediate profile', () => {
  it('the console: TLS 1.2 with ECDHE AEAD suites only, and TLS 1.3', async () => {
    expectIntermediateProfile(await scan(harness.url));
  }, 180_000);

  it('the emulator’s cloud endpoint (IAM and DWS): the same', async () => {
    expectIntermediateProfile(await scan(harness.emulator.cloudUrl));
  }, 180_000);
});
