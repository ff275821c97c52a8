// Writes a development CA and a signer PKCS#12 for the local KK signer. Run via infra/dev-pki.sh.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDevPki, writeDevPki } from '@adminduk/kk-document';

const dir = resolve(process.argv[2] ?? join(__dirname, '..', '.local', 'pki'));
const force = process.argv.includes('--force');
if (existsSync(join(dir, 'signer.p12')) && !force) {
  console.log(`dev PKI already present in ${dir} (use --force to replace it)`);
  process.exit(0);
}
const files = writeDevPki(dir, createDevPki({ passphrase: process.env.DEV_SIGNER_PASSPHRASE }));
console.log(`dev PKI written to ${dir}:`);
for (const [what, path] of Object.entries(files)) console.log(`  ${what.padEnd(10)} ${path}`);
