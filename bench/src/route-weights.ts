// How much JavaScript each page of the built console makes the browser load, from Vite's manifest.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** One entry of dist/.vite/manifest.json (the fields this reads). */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
}

export interface RouteWeight {
  /** `shell` for the entry alone, otherwise the route module's name (`clusters-route`). */
  route: string;
  gzipBytes: number;
  files: string[];
}

/**
 * The shell (entry and its static imports) and, for each route module under src/app/ that the router imports
 * lazily, the shell plus the route's chunk and everything it imports statically: what the browser must load
 * before that page can render. gzip at level 6, what a compressing server sends.
 */
export async function routeWeights(dist: string): Promise<RouteWeight[]> {
  const manifest = JSON.parse(await readFile(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const sizes = new Map<string, number>();
  const gzipSize = async (file: string) => {
    let size = sizes.get(file);
    if (size === undefined) {
      size = gzipSync(await readFile(path.join(dist, file)), { level: 6 }).length;
      sizes.set(file, size);
    }
    return size;
  };
  const closure = (key: string, keys = new Set<string>()) => {
    if (keys.has(key)) return keys;
    keys.add(key);
    for (const imported of manifest[key]?.imports ?? []) closure(imported, keys);
    return keys;
  };
  const weigh = async (route: string, keys: Set<string>): Promise<RouteWeight> => {
    const files = [...keys].map((key) => manifest[key]?.file).filter((f): f is string => f !== undefined);
    let gzipBytes = 0;
    for (const file of files) gzipBytes += await gzipSize(file);
    return { route, gzipBytes, files };
  };

  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entry) throw new Error(`${dist}: the manifest names no entry; was the console built?`);
  const shell = closure(entry);
  const weights = [await weigh('shell', shell)];
  const routes = Object.entries(manifest)
    .filter(([, chunk]) => chunk.isDynamicEntry && chunk.src?.startsWith('src/app/'))
    .map(([key, chunk]) => ({ key, name: path.basename(chunk.src ?? key).replace(/\.tsx?$/, '') }))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const { key, name } of routes) weights.push(await weigh(name, closure(key, new Set(shell))));
  return weights;
}
