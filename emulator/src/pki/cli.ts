import path from 'node:path';
import { ensurePki } from './pki.ts';

const dir = path.resolve(process.argv[2] ?? '.data/pki');
const { created } = await ensurePki(dir);
console.log(created ? `development PKI created in ${dir}` : `development PKI found in ${dir}`);
