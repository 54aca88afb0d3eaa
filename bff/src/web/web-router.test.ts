import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebRouter } from './web-router.ts';

const script = `export const answer = ${JSON.stringify('x'.repeat(4096))};\n`;
const sourceMap = JSON.stringify({ version: 3, sources: ['../../src/app.ts'], mappings: 'AAAA' });
let dist: string;
let server: http.Server;
let port: number;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'web-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(path.join(dist, 'assets', 'app-1a2b.js'), script);
  await writeFile(path.join(dist, 'assets', 'app-1a2b.js.br'), brotliCompressSync(script));
  await writeFile(path.join(dist, 'assets', 'app-1a2b.js.gz'), gzipSync(script));
  await writeFile(path.join(dist, 'assets', 'small.css'), 'body{}');
  await writeFile(path.join(dist, 'assets', 'app-1a2b.js.map'), sourceMap);
  const app = express();
  app.use(createWebRouter({ dist }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dist, { recursive: true, force: true });
});

/** A raw GET: the bytes as sent, not decoded. */
function get(pathname: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
      http
        .get({ host: '127.0.0.1', port, path: pathname, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        })
        .on('error', reject);
    },
  );
}

describe('the web app’s assets', () => {
  it('are sent compressed at build time, as Brotli or gzip as the browser accepts', async () => {
    const brotli = await get('/assets/app-1a2b.js', 'gzip, deflate, br, zstd');
    expect(brotli.status).toBe(200);
    expect(brotli.headers).toMatchObject({
      'content-encoding': 'br',
      'content-type': 'text/javascript; charset=utf-8',
      vary: 'Accept-Encoding',
      'cache-control': 'public, max-age=31536000, immutable',
    });
    expect(brotliDecompressSync(brotli.body).toString()).toBe(script);

    const gzip = await get('/assets/app-1a2b.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(script);
  });

  it('are sent as they are to a client that accepts no encoding, and when no compressed copy exists', async () => {
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get('/assets/app-1a2b.js', accept);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(script);
    }
    const small = await get('/assets/small.css', 'br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('body{}');
  });

  it('never serve a compressed copy by its own name as something else, nor leave the folder', async () => {
    // The copy asked for by its own name is still Brotli: the browser must be told, or it runs the bytes.
    const direct = await get('/assets/app-1a2b.js.br', 'br');
    expect(direct.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(direct.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(direct.body).toString()).toBe(script);
    const trick = await get('/assets/..%2f..%2f..%2f..%2fetc/passwd', 'br');
    expect(trick.status).toBe(404);
    expect(trick.body.toString()).not.toContain('root:');
    const fallback = await get('/assets/missing.js', 'br');
    expect(fallback.status).toBe(404);
  });

  it('keep the build’s source maps on the server', async () => {
    for (const encoding of [undefined, 'br']) {
      const map = await get('/assets/app-1a2b.js.map', encoding);
      expect(map.status).toBe(404);
      expect(map.body.toString()).toBe('Not found');
    }
    expect((await get('/assets/app-1a2b.js')).status).toBe(200);
  });

  it('keep the source maps on the server however their path is spelt', async () => {
    for (const spelling of [
      '//assets/app-1a2b.js.map',
      '/assets/app-1a2b.js.ma%70',
      '/%61ssets/app-1a2b.js.map',
      '/./assets/app-1a2b.js.map',
      '/assets/./app-1a2b.js.map',
      '/x/../assets/app-1a2b.js.map',
      '/assets//app-1a2b.js.map',
      '/assets%2fapp-1a2b.js.map',
      '/assets/app-1a2b.js.MAP',
    ]) {
      for (const encoding of [undefined, 'br']) {
        const map = await get(spelling, encoding);
        expect(map.status, spelling).toBe(404);
        expect(map.body.toString(), spelling).not.toContain('mappings');
      }
    }
  });
});
