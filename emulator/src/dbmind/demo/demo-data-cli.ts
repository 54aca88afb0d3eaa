// Gives one PostgreSQL server the seed's demo data (database test_db, table t1):
//   pnpm --filter @dws-console/emulator run demo-data -- --host 127.0.0.1 --port 5432 --user dbadmin \
//     --database postgres --password-file /path/to/file
// The password is read from a file so it never shows in the process list or the shell history.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { seedDemoData } from './demo-data.ts';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string' },
    user: { type: 'string' },
    database: { type: 'string', default: 'postgres' },
    'password-file': { type: 'string' },
  },
});

const args = z
  .object({
    host: z.string().min(1),
    port: z.coerce.number().int().min(1).max(65535),
    user: z.string().min(1),
    database: z.string().min(1),
    'password-file': z.string().min(1),
  })
  .safeParse(values);
if (!args.success) {
  console.error(args.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  process.exit(2);
}
const password = (await readFile(args.data['password-file'], 'utf8')).trim();
const created = await seedDemoData({
  host: args.data.host,
  port: args.data.port,
  user: args.data.user,
  password,
  database: args.data.database,
});
console.log(created ? 'demo data created: test_db.public.t1' : 'demo data already present');
