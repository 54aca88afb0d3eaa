import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build as esbuild } from 'esbuild';
import { defineConfig, type BuildOptions, type Plugin, type Rolldown } from 'vite';
import { routePages } from './src/app/early-requests.ts';

/**
 * Writes a Brotli and a gzip copy beside every script and stylesheet, compressed once at build time with the
 * highest settings, so the console serves them without compressing on each request.
 */
export function precompress(): Plugin {
  return {
    name: 'precompress',
    apply: 'build',
    // After the bundle is written: only then is every chunk's code final.
    async writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|svg)$/.test(fileName)) continue;
        const file = path.join(dir, fileName);
        const source = await readFile(file);
        if (source.length < 1024) continue;
        const brotli = brotliCompressSync(source, {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
        });
        await writeFile(`${file}.br`, brotli);
        await writeFile(`${file}.gz`, gzipSync(source, { level: 9 }));
      }
    },
  };
}

/**
 * For each route module of `routePages`, the chunks the browser must load to draw it beyond the shell's (the
 * entry and its static imports, which index.html loads anyway).
 */
function routeFiles(bundle: Rolldown.OutputBundle, base: string): Record<string, string[]> {
  const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
  const entry = chunks.find((chunk) => chunk.isEntry);
  if (!entry) throw new Error('the bundle has no entry chunk');
  const loadedWithEntry = new Set([entry.fileName, ...entry.imports]);
  const files: Record<string, string[]> = {};
  for (const { module } of routePages) {
    const route = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(`/${module}.tsx`));
    if (!route) throw new Error(`no chunk for ${module}`);
    const needed: string[] = [];
    const visit = (fileName: string) => {
      if (loadedWithEntry.has(fileName) || needed.includes(`${base}${fileName}`)) return;
      needed.push(`${base}${fileName}`);
      const output = bundle[fileName];
      if (output?.type === 'chunk') output.imports.forEach(visit);
    };
    visit(route.fileName);
    files[module] = needed;
  }
  return files;
}

/**
 * Puts `src/app/early-requests.ts` into index.html's head as a small classic script (a hashed asset), which
 * starts the first page's calls while the app's JavaScript is still loading, and asks for the code of the page's
 * route (`<link rel="modulepreload">` for its chunks), so it downloads in parallel with the shell instead of after
 * the shell has run. Vite preloads only the entry's static imports by itself. It comes first in the head: a classic
 * script after a stylesheet waits until that stylesheet has loaded (antd's, 100 KiB). The app takes the early answers
 * (`apiRequest`); in development the app asks for itself. Vite's own bundler writes ES modules only, so esbuild
 * (the workspace's bundler for the Node parts) makes this one script.
 */
function earlyRequests(): Plugin {
  let fileName = '';
  let base = '/';
  return {
    name: 'early-requests',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    async generateBundle(_options, bundle) {
      const {
        outputFiles: [script],
      } = await esbuild({
        stdin: {
          contents: `import { applyStoredChoices, preloadRouteCode, startEarlyRequests } from './early-requests.ts';
applyStoredChoices();
globalThis.dwsEarlyAnswers = startEarlyRequests(location.pathname);
preloadRouteCode(location.pathname, ${JSON.stringify(routeFiles(bundle, base))});`,
          resolveDir: path.resolve(import.meta.dirname, 'src/app'),
          loader: 'ts',
        },
        bundle: true,
        format: 'iife',
        minify: true,
        target: 'es2022',
        write: false,
      });
      if (!script) throw new Error('esbuild wrote no early-requests script');
      fileName = this.getFileName(
        this.emitFile({ type: 'asset', name: 'early-requests.js', source: script.text }),
      );
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'script', attrs: { src: `/${fileName}` }, injectTo: 'head-prepend' as const }],
    },
  };
}

/**
 * Writes dist/.vite/modules.json: for each chunk, the bytes each module's code takes in it before minifying
 * (`{ "assets/x.js": { "node_modules/antd/es/table/Table.js": 1234 } }`), paths from the workspace's root with
 * pnpm's store folders left out. The bench shares each chunk's compressed size out by these, to show what a
 * route's weight is made of.
 */
export function moduleSizes(): Plugin {
  const root = path.resolve(import.meta.dirname, '..');
  const relative = (id: string) =>
    id.startsWith('\0')
      ? id.slice(1)
      : path
          .relative(root, id.replace(/\?.*$/, ''))
          .replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, 'node_modules/');
  return {
    name: 'module-sizes',
    apply: 'build',
    generateBundle(_options, bundle) {
      const sizes: Record<string, Record<string, number>> = {};
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        const modules: Record<string, number> = {};
        for (const [id, module] of Object.entries(output.modules)) {
          if (module.renderedLength > 0) modules[relative(id)] = module.renderedLength;
        }
        sizes[output.fileName] = modules;
      }
      this.emitFile({ type: 'asset', fileName: '.vite/modules.json', source: JSON.stringify(sizes) });
    },
  };
}

/** Shared with the bench's minimal app, the floor the console's paint times are held to. */
export const build: BuildOptions = {
  target: 'es2022',
  chunkSizeWarningLimit: 1500,
  // dist/.vite/manifest.json: which chunks each route needs (the bench measures their weight from it).
  manifest: true,
  // Source maps beside the assets, named by no script (the console does not serve them): the bench reads them to
  // name the functions and packages of a browser's CPU profile.
  sourcemap: 'hidden',
};

export default defineConfig({
  plugins: [react(), earlyRequests(), precompress(), moduleSizes()],
  build,
});
