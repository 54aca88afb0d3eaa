import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, get } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '../emulator/src/pki/pki.ts';
import { checkNginxConf, consoleSite, localConsoleSiteConf, nginxArgs, nginxBinary } from './nginx-site.mjs';
import { root } from './workspace.mjs';

/** Answers a GET through `agent` with its status and, unless `stream`, its whole body. */
function request(url, agent) {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body }));
    }).on('error', reject);
  });
}

/** A file's directives, one a line, without comments, blank lines or indentation. */
function directives(text) {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

it('writes the site that deploy/nginx/dws-console.conf shows for a real machine', () => {
  const deployed = readFileSync(path.join(root, 'deploy', 'nginx', 'dws-console.conf'), 'utf8');
  const site = consoleSite({
    servers: ['10.0.0.11:8443', '10.0.0.12:8443', '10.0.0.13:8443'],
    listen: '443',
    serverName: 'console.example.com',
    cert: '/etc/dws-console/console.crt',
    key: '/etc/dws-console/console.key',
    ca: '/etc/dws-console/internal-ca.crt',
    proxySslName: 'console.internal',
    proxyConf: '/etc/nginx/snippets/dws-console-proxy.conf',
  });
  expect(directives(site)).toEqual(directives(deployed));
});

describe('nginx in front of console processes on this machine', () => {
  let dir;
  let nginx;
  let consoles;
  let port;
  let client;
  /** What each console process saw: its number and the request's headers. */
  const seen = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'nginx-site-'));
    const { files } = await ensurePki(path.join(dir, 'pki'));
    const tls = { cert: readFileSync(files.serverCert), key: readFileSync(files.serverKey) };
    // Two console stand-ins: each says who it is, and streams an event it holds open until the test asks.
    consoles = await Promise.all(
      [1, 2].map(
        (n) =>
          new Promise((resolve) => {
            const server = createServer(tls, (req, res) => {
              seen.push({ n, headers: req.headers });
              if (req.url === '/events') {
                res.writeHead(200, { 'Content-Type': 'text/event-stream' });
                res.write(`data: from ${n}\n\n`);
                req.on('close', () => res.end());
                return;
              }
              res.end(`console ${n}`);
            });
            server.listen(0, '127.0.0.1', () => resolve(server));
          }),
      ),
    );
    const free = createServer(tls);
    port = await new Promise((resolve) => free.listen(0, '127.0.0.1', () => resolve(free.address().port)));
    await new Promise((resolve) => free.close(resolve));
    const conf = path.join(dir, 'nginx.conf');
    writeFileSync(
      conf,
      localConsoleSiteConf({
        dir,
        port,
        consolePorts: consoles.map((server) => server.address().port),
        tls: { cert: files.serverCert, key: files.serverKey, ca: files.ca },
      }),
    );
    checkNginxConf(conf);
    nginx = spawn(nginxBinary, nginxArgs(conf), { stdio: 'ignore' });
    client = new Agent({ ca: readFileSync(files.ca) });
    // nginx answers once it listens; until then the connection is refused.
    for (;;) {
      const answered = await request(`https://localhost:${port}/`, client).then(
        () => true,
        () => false,
      );
      if (answered) break;
      if (nginx.exitCode !== null) throw new Error(`nginx exited with ${nginx.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(async () => {
    if (nginx?.exitCode === null) {
      const exited = new Promise((resolve) => nginx.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await exited;
    }
    client?.destroy();
    for (const server of consoles ?? []) server.closeAllConnections();
    await Promise.all((consoles ?? []).map((server) => new Promise((resolve) => server.close(resolve))));
    rmSync(dir, { recursive: true, force: true });
  });

  it('shares requests between the processes, telling each the Host and the client the browser had', async () => {
    seen.length = 0;
    const answers = new Set();
    for (let i = 0; i < 4; i += 1) {
      answers.add((await request(`https://localhost:${port}/api/x`, client)).body);
    }
    expect([...answers].sort()).toEqual(['console 1', 'console 2']);
    expect(seen[0].headers).toMatchObject({
      host: `localhost:${port}`,
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'https',
    });
  });

  it('relays an event the moment a process sends it, while the stream stays open', async () => {
    const first = await new Promise((resolve, reject) => {
      const req = get(`https://localhost:${port}/events`, { agent: client }, (response) => {
        response.setEncoding('utf8');
        response.once('data', (chunk) => {
          resolve(chunk);
          req.destroy();
        });
      });
      req.on('error', reject);
    });
    expect(first).toMatch(/^data: from [12]\n\n$/);
  });

  it('never relays the metrics', async () => {
    seen.length = 0;
    expect((await request(`https://localhost:${port}/metrics`, client)).status).toBe(404);
    expect(seen).toEqual([]);
  });
});
