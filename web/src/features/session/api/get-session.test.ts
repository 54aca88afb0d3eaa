import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sessionPath } from './get-session.ts';

describe('the session', () => {
  it('is what index.html preloads, so the first fetch gets the answer already on its way', () => {
    const html = readFileSync(new URL('../../../../index.html', import.meta.url), 'utf8');
    expect(html).toContain(`<link rel="preload" href="${sessionPath}" as="fetch" crossorigin="anonymous" />`);
  });
});
