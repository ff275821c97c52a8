/**
 * Writes the generated Kubernetes files (render-manifests.ts), or with --check fails when a
 * committed one differs from what the tables render (the manifest test runs the same check).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderedFiles } from './render-manifests';

const root = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
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
