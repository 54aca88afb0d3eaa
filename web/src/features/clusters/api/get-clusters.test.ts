import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clustersPath } from './get-clusters.ts';

describe('the clusters list', () => {
  it('is the list index.html preloads, so the first fetch gets the answer already on its way', () => {
    const html = readFileSync(new URL('../../../../index.html', import.meta.url), 'utf8');
    expect(html).toContain(
      `<link rel="preload" href="${clustersPath}" as="fetch" crossorigin="anonymous" />`,
    );
  });
});
