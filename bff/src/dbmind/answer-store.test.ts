import { describe, expect, it } from 'vitest';
import { MemoryAnswerStore } from './answer-store.ts';

describe('the memory answer store', () => {
  it('keeps at most maxEvents per answer, numbered on, and says where it ended', async () => {
    const store = new MemoryAnswerStore({ maxEvents: 3 });
    await store.create('a', { owner: 'u1', createdAt: 1 });
    for (const data of ['1', '2', '3', '4', '5']) await store.append('a', { event: 'message', data });
    await store.finish('a');
    const { events, ended } = await store.read('a', 0);
    expect(events.map((e) => [e.seq, e.data])).toEqual([
      [3, '3'],
      [4, '4'],
      [5, '5'],
    ]);
    expect(ended).toBe(true);
    expect((await store.read('a', 4)).events.map((e) => e.seq)).toEqual([5]);
    await expect(store.append('missing', { event: 'message', data: 'x' })).rejects.toThrow(/does not exist/);
  });

  it('forgets answers past their time to live, but never one somebody is watching', async () => {
    let now = 1_000_000;
    const store = new MemoryAnswerStore({ ttlMs: 60_000, now: () => now });
    await store.create('old', { owner: 'u1', createdAt: now });
    await store.create('watched', { owner: 'u1', createdAt: now });
    const seen: unknown[] = [];
    await store.subscribe('watched', (event) => seen.push(event));
    now += 30_000;
    // A new event renews an answer's time to live.
    await store.create('renewed', { owner: 'u1', createdAt: now });
    now += 59_000;
    await store.append('renewed', { event: 'message', data: 'still here' });
    now += 2_000;

    // Creating an answer sweeps the expired ones out of memory, not only out of sight.
    expect(store.size).toBe(3);
    await store.create('new', { owner: 'u2', createdAt: now });
    expect(store.size).toBe(3);
    expect(await store.meta('old')).toBeUndefined();
    expect(await store.read('old', 0)).toEqual({ events: [], ended: true });
    expect(await store.meta('watched')).toEqual({ owner: 'u1', createdAt: 1_000_000 });
    expect((await store.read('renewed', 0)).events.map((e) => e.data)).toEqual(['still here']);

    await store.append('watched', { event: 'message', data: 'live' });
    expect(seen).toEqual([expect.objectContaining({ seq: 1, data: 'live' })]);
  });

  it('sweeps at most once a tenth of the time to live, not for every new answer', async () => {
    const start = 1_000_000;
    let now = start;
    const store = new MemoryAnswerStore({ ttlMs: 60_000, now: () => now });
    const createAt = (id: string, at: number) => {
      now = start + at;
      return store.create(id, { owner: 'u1', createdAt: now });
    };
    await createAt('a', 0);
    await createAt('c', 3_000);
    // 'a' has expired (at 60 s): swept; the next sweep comes 6 s later at the earliest.
    await createAt('b', 61_000);
    expect(store.size).toBe(2);
    // 'c' has expired (at 63 s) but stays in memory until then.
    await createAt('d', 64_000);
    expect(store.size).toBe(3);
    await createAt('e', 67_000);
    expect(store.size).toBe(3);
    expect(await store.meta('c')).toBeUndefined();
  });
});
