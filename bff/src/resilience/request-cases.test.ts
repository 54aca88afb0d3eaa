import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.ts';
import { csrfJson } from '../testing/probes.ts';
import { requestCases } from '../testing/request-cases.ts';
import { acceptedBodies } from '../testing/request-oracle.ts';

/**
 * The seed's answers, case by case (`request-cases.ts`), against the fuzz's oracle and against the console
 * itself: the oracle the fuzz judges thousands of bodies with must answer every written case as the seed
 * does, and so must the console's validation.
 */
const id = '7d85f602-a948-4a30-afd4-e84f47471c15';
const named = (route: string) => requestCases.filter((c) => c.route === route);
const label = (c: (typeof requestCases)[number]) =>
  `${c.route} ${c.rule} -> ${c.accepted ? 'accepted' : 'refused'}`;

describe('the fuzz oracle', () => {
  it('answers every written case of the seed as the seed does', () => {
    const disagreements = requestCases
      .filter((c) => acceptedBodies[c.route]?.(JSON.parse(JSON.stringify(c.body))) !== c.accepted)
      .map(label);
    expect(disagreements).toEqual([]);
  });

  it('has written cases, accepted and refused, for every DWS body it judges', () => {
    for (const route of Object.keys(acceptedBodies).filter((r) => r.includes('/api/dws/'))) {
      expect(named(route).filter((c) => c.accepted).length, route).toBeGreaterThan(0);
      expect(named(route).filter((c) => !c.accepted).length, route).toBeGreaterThan(0);
    }
  });
});

describe('the console', () => {
  let harness: Harness;
  let viewer: string;

  beforeAll(async () => {
    harness = await startHarness({}, { emulatorEnv: { EMULATOR_DBMIND_DEMO_DATA: 'off' } });
    viewer = await harness.logIn('viewer', 'Viewer@12345');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('refuses itself every body the seed refuses, and passes on every one it accepts', async () => {
    const disagreements: string[] = [];
    for (const c of requestCases) {
      const [method, path] = c.route.split(' ') as [string, string];
      const response = await harness.request(path.replace('{id}', id), {
        method,
        cookie: viewer,
        headers: csrfJson,
        body: JSON.stringify(c.body),
      });
      // A viewer changes nothing: a body the console passes on reaches DWS, which refuses it with 403.
      // A body the console refuses never gets there: the console answers 400 (or 409) itself.
      const passedOn = response.status === 403;
      if (passedOn !== c.accepted)
        disagreements.push(`${label(c)}: ${response.status} ${await response.text()}`);
    }
    expect(disagreements).toEqual([]);
  }, 120_000);
});
