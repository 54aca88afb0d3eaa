// nginx in front of console processes, written in one place: `npm start -- --processes N` (and so the
// multi-process journeys) and the bench's capacity section run it on this machine, and
// deploy/nginx/dws-console.conf is the same site for a real one (scripts/nginx-site.test.mjs holds them together).
// How nginx relays a request is deploy/nginx/dws-console-proxy.conf, included by every one of them.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './workspace.mjs';

export const nginxBinary = '/usr/sbin/nginx';

/**
 * The console's site: an upstream of its processes and a TLS server that relays to them.
 * @param {{
 *   servers: string[];
 *   listen: string;
 *   serverName?: string;
 *   cert: string;
 *   key: string;
 *   ca: string;
 *   proxySslName: string;
 *   proxyConf: string;
 * }} site `servers` are the console processes' `host:port`; `ca` signed their certificates, for the name
 *   `proxySslName`; `proxyConf` is where deploy/nginx/dws-console-proxy.conf is installed.
 */
export function consoleSite({ servers, listen, serverName, cert, key, ca, proxySslName, proxyConf }) {
  return `upstream dws_console {
${servers.map((server) => `  server ${server} max_fails=1 fail_timeout=5s;`).join('\n')}
  keepalive 32;
}

server {
  listen ${listen} ssl;
${serverName ? `  server_name ${serverName};\n` : ''}  ssl_certificate ${cert};
  ssl_certificate_key ${key};
  ssl_protocols TLSv1.2 TLSv1.3;
  proxy_ssl_trusted_certificate ${ca};
  proxy_ssl_name ${proxySslName};
  include ${proxyConf};
}
`;
}

/**
 * A whole nginx.conf for an nginx that an ordinary user runs in the foreground from `dir` (its pid and
 * temporary files there), so that whoever starts it supervises it; `http` is what its http block holds.
 * Its errors go to stderr (`nginxArgs`) unless `errorLog` names a file.
 * @param {{ dir: string; http: string; workerConnections?: number; openFiles?: number; errorLog?: string }} options
 */
export function localNginxConf({ dir, http, workerConnections = 4096, openFiles, errorLog }) {
  const indented = http
    .trimEnd()
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n');
  return `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
${errorLog ? `error_log ${errorLog} warn;\n` : ''}events { worker_connections ${workerConnections}; }
${openFiles ? `worker_rlimit_nofile ${openFiles};\n` : ''}http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${indented}
}
`;
}

/**
 * nginx on `host:port` in front of the console processes on this machine's `consolePorts`, as deployed
 * (deploy/nginx/dws-console.conf); `tls` is the development PKI's server certificate, its key and its CA.
 * @param {{
 *   dir: string;
 *   host?: string;
 *   port: number;
 *   consolePorts: number[];
 *   tls: { cert: string; key: string; ca: string };
 *   workerConnections?: number;
 *   openFiles?: number;
 *   errorLog?: string;
 * }} options
 */
export function localConsoleSiteConf({ host = '127.0.0.1', port, consolePorts, tls, ...local }) {
  const conf = localNginxConf({
    ...local,
    http: consoleSite({
      servers: consolePorts.map((consolePort) => `127.0.0.1:${consolePort}`),
      listen: `${host}:${port}`,
      ...tls,
      // The development certificate names localhost; nginx verifies it as a browser would.
      proxySslName: 'localhost',
      proxyConf: path.join(root, 'deploy', 'nginx', 'dws-console-proxy.conf'),
    }),
  });
  return `# Written by scripts/nginx-site.mjs; the production site is deploy/nginx/dws-console.conf.\n${conf}`;
}

/** nginx's arguments for the configuration file `conf`: in the foreground, its own errors on stderr. */
export function nginxArgs(conf) {
  return ['-e', 'stderr', '-c', conf];
}

/**
 * Throws nginx's own words when it refuses the configuration file `conf`, before anything is started on it.
 * @param {string} conf
 */
export function checkNginxConf(conf) {
  const check = spawnSync(nginxBinary, ['-t', ...nginxArgs(conf)], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx refuses ${conf}:\n${check.stderr}`);
}
