// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyStoredChoices, preloadRouteCode, routePages } from './early-requests.ts';

const files = {
  'clusters-route': ['/assets/clusters-route-1.js', '/assets/table-2.js'],
  'create-cluster-route': ['/assets/create-cluster-route-3.js'],
  'cluster-detail-route': ['/assets/cluster-detail-route-4.js'],
};

const preloaded = () =>
  [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((link) => ({
    href: new URL(link.href).pathname,
    crossOrigin: link.crossOrigin,
  }));

describe('preloadRouteCode', () => {
  afterEach(() => document.head.replaceChildren());

  it.each([
    ['/clusters', 'clusters-route'],
    ['/clusters/', 'clusters-route'],
    ['/clusters/new', 'create-cluster-route'],
    ['/clusters/6a1f0c2e-1', 'cluster-detail-route'],
  ] as const)('asks for the chunks of the page at %s, and only those', (pathname, module) => {
    preloadRouteCode(pathname, files);
    expect(preloaded()).toEqual(files[module].map((href) => ({ href, crossOrigin: '' })));
  });

  it('asks for nothing on a page no route draws, or one whose chunks are unknown', () => {
    preloadRouteCode('/clusters/a/b', files);
    preloadRouteCode('/snapshots', files);
    expect(preloaded()).toEqual([]);
  });
});

it("names every lazy route module of the router, so each page's code can be asked for early", () => {
  const router = readFileSync(path.join(import.meta.dirname, 'router.tsx'), 'utf8');
  const lazyRoutes = [...router.matchAll(/import\('\.\/routes\/([a-z-]+)\.tsx'\)/g)].map((match) => match[1]);
  expect(lazyRoutes.length).toBeGreaterThan(5);
  expect(routePages.map((page) => page.module).sort()).toEqual([...new Set(lazyRoutes)].sort());
});

describe('applyStoredChoices', () => {
  const storage = (entries: Record<string, string>) =>
    ({ getItem: (key: string) => entries[key] ?? null }) as Storage;
  const html = document.documentElement;
  afterEach(() => {
    html.lang = 'zh-CN';
    delete html.dataset.theme;
  });

  it('gives the page the language and theme chosen in the app, before the app runs', () => {
    applyStoredChoices(document, storage({ 'dws-console.locale': 'en', 'dws-console.theme': 'dark' }));
    expect(html.lang).toBe('en');
    expect(html.dataset.theme).toBe('dark');
  });

  it('keeps the defaults without a choice, with a value it does not know, or when storage is refused', () => {
    applyStoredChoices(document, storage({ 'dws-console.theme': 'purple' }));
    expect(html.lang).toBe('zh-CN');
    expect(html.dataset.theme).toBeUndefined();
    const refused = {
      getItem: () => {
        throw new DOMException('Access is denied', 'SecurityError');
      },
    } as unknown as Storage;
    expect(() => applyStoredChoices(document, refused)).not.toThrow();
  });
});
