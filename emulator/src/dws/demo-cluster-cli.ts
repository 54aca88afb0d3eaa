// `npm start` gives a fresh emulator one cluster to look at and to diagnose, registered with DBMind
// (demo-cluster.ts), running beside the console until that is done.
//   tsx emulator/src/dws/demo-cluster-cli.ts https://127.0.0.1:9443 https://127.0.0.1:9444 .data/pki
import { readFile } from 'node:fs/promises';
import { Agent } from 'undici';
import { pkiFiles } from '../pki/pki.ts';
import { ensureDemoCluster } from './demo-cluster.ts';

const [cloudUrl, dbmindUrl, pkiDir] = process.argv.slice(2);
if (!cloudUrl || !dbmindUrl || !pkiDir) {
  console.error('usage: demo-cluster-cli <emulator url> <emulator DBMind url> <pki dir>');
  process.exit(2);
}
const files = pkiFiles(pkiDir);
const [ca, cert, key, passphrase] = await Promise.all([
  readFile(files.ca),
  readFile(files.clientCert),
  readFile(files.clientKey),
  readFile(files.clientPass, 'utf8'),
]);
const dispatcher = new Agent({ connect: { ca, cert, key, passphrase: passphrase.trim() } });
try {
  await ensureDemoCluster({ cloudUrl, dbmindUrl, dispatcher, log: (line) => console.log(line) });
} finally {
  await dispatcher.close();
}
