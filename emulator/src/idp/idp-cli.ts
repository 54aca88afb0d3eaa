import { readFileSync } from 'node:fs';
import { startDevIdp } from './dev-idp.ts';
import { loadDevIdpConfig } from './idp-config.ts';
import { loadPeople } from './people.ts';

const config = loadDevIdpConfig(process.env);
const idp = await startDevIdp({
  host: config.DEV_IDP_HOST,
  port: config.DEV_IDP_PORT,
  people: await loadPeople(config.DEV_IDP_PEOPLE),
  client: {
    clientId: config.DEV_IDP_CLIENT_ID,
    clientSecret: readFileSync(config.DEV_IDP_CLIENT_SECRET_FILE, 'utf8').trim(),
    consoleUrl: config.DEV_IDP_CONSOLE_URL,
  },
  ...(config.DEV_IDP_CONSOLE_CA ? { consoleCa: readFileSync(config.DEV_IDP_CONSOLE_CA) } : {}),
});
console.log(`identity provider: ${idp.issuer} (client ${config.DEV_IDP_CLIENT_ID})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void idp.close().then(() => process.exit(0)));
}
