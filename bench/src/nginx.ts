import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkNginxConf, localNginxConf, nginxArgs, nginxBinary } from '../../scripts/nginx-site.mjs';
import { stopChild } from './processes.ts';

export function hasNginx(): boolean {
  return existsSync(nginxBinary);
}

/** `nginx -v` prints "nginx version: nginx/1.22.1" on stderr. */
export function nginxVersion(): string {
  const { stderr } = spawnSync(nginxBinary, ['-v'], { encoding: 'utf8' });
  return /nginx\/([\d.]+)/.exec(stderr)?.[1] ?? '';
}

/** Writes `conf` (scripts/nginx-site.mjs) to `dir`, has nginx check it, and runs nginx on it. */
export async function runNginx(
  dir: string,
  conf: string,
): Promise<{ child: ChildProcess; stop(): Promise<void> }> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'nginx.conf');
  await writeFile(file, conf);
  checkNginxConf(file);
  const child = spawn(nginxBinary, nginxArgs(file), { stdio: 'ignore' });
  return { child, stop: () => stopChild(child, 'SIGQUIT') };
}

/**
 * nginx as a reference reverse proxy: TLS both sides, keep-alive to the upstream, no buffering (so it relays
 * event streams as they come). With `client`, it shows the upstream a client certificate, as the BFF does to
 * DBMind.
 */
export async function startNginx(options: {
  dir: string;
  port: number;
  upstream: string;
  cert: string;
  key: string;
  ca: string;
  client?: { cert: string; key: string; passFile: string };
}): Promise<{ child: ChildProcess; stop(): Promise<void> }> {
  const upstream = new URL(options.upstream);
  const http = `upstream backend { server ${upstream.host}; keepalive 64; }
server {
  listen 127.0.0.1:${options.port} ssl;
  ssl_certificate ${options.cert};
  ssl_certificate_key ${options.key};
  location / {
    proxy_pass https://backend;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_ssl_trusted_certificate ${options.ca};
    proxy_ssl_verify on;
    proxy_ssl_name localhost;
    proxy_ssl_session_reuse on;
    proxy_buffering off;${
      options.client
        ? `
    proxy_ssl_certificate ${options.client.cert};
    proxy_ssl_certificate_key ${options.client.key};
    proxy_ssl_password_file ${options.client.passFile};`
        : ''
    }
  }
}`;
  return runNginx(
    options.dir,
    localNginxConf({
      dir: options.dir,
      http,
      workerConnections: 8192,
      errorLog: path.join(options.dir, 'error.log'),
    }),
  );
}
