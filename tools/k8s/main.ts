/**
 * Writes the generated Kubernetes files (render-manifests.ts), or with --check fails when a
 * committed one differs from what the tables render (the manifest test runs the same check), or
 * with --secrets lists the Secrets a deployment must create and their keys (k8s/README.md).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PLATFORM_SERVICES } from './platform-services';
import { resourceName } from './k8s-objects';
import { renderedFiles } from './render-manifests';
import { secretKeysOf } from './service-settings';

const root = path.resolve(__dirname, '../..');

function listSecrets(): void {
  const line = (name: string, keys: string[]) => process.stdout.write(`${name}: ${keys.join(' ')}\n`);
  for (const s of PLATFORM_SERVICES.filter((x) => !x.devOnly)) {
    const keys = secretKeysOf(s);
    if (keys.length) line(resourceName(s.name), keys);
    for (const fileSecret of Object.keys(s.files ?? {})) line(fileSecret, ['(files)']);
  }
  line('adminduk-migrate', ['DATABASE_URL']);
  line('adminduk-tls', ['tls.crt tls.key (kubernetes.io/tls)']);
}

async function main(): Promise<void> {
  if (process.argv.includes('--secrets')) return listSecrets();
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [file, content] of Object.entries(await renderedFiles())) {
    const target = path.join(root, file);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : null;
    if (current === content) continue;
    if (check) {
      stale.push(file);
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
    process.stdout.write(`wrote ${file}\n`);
  }
  if (stale.length) {
    process.stderr.write(`out of date (run: node -r @swc-node/register tools/k8s/main.ts): ${stale.join(', ')}\n`);
    process.exit(1);
  }
}

void main();
