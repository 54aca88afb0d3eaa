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

/**
 * Who a module belongs to in a report: antd by component, another npm package by name, the workspace's own code
 * by folder (`web/src/features/clusters`).
 */
function ownerOf(module: string): string {
  const parts = module.split('/');
  if (parts[0] !== 'node_modules') return parts.slice(0, Math.min(parts.length - 1, 4)).join('/') || module;
  const name = parts[1]?.startsWith('@') ? `${parts[1]}/${parts[2]}` : (parts[1] ?? module);
  if (name === 'antd' && parts[2] === 'es' && parts.length > 4) return `antd/${parts[3]}`;
  return name;
}

/**
 * What the compressed bytes of some files of the build are made of: each file's gzip size shared out among its
 * modules by their part of its code before minifying (dist/.vite/modules.json, written by the build's
 * `moduleSizes` plugin), summed by owner. An estimate, as minifying and compressing do not shrink all code alike;
 * the shares add up to the files' true size.
 */
export async function composition(dist: string, files: string[]): Promise<Map<string, number>> {
  const sizes = JSON.parse(await readFile(path.join(dist, '.vite', 'modules.json'), 'utf8')) as Record<
    string,
    Record<string, number>
  >;
  const owners = new Map<string, number>();
  for (const file of files) {
    const modules = Object.entries(sizes[file] ?? {});
    const rendered = modules.reduce((sum, [, bytes]) => sum + bytes, 0);
    if (rendered === 0) continue;
    const gzipBytes = gzipSync(await readFile(path.join(dist, file)), { level: 6 }).length;
    for (const [module, bytes] of modules) {
      const owner = ownerOf(module);
      owners.set(owner, (owners.get(owner) ?? 0) + (gzipBytes * bytes) / rendered);
    }
  }
  return owners;
}
