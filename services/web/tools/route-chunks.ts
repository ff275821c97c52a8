// Which chunks each lazy page needs, so index.html can fetch them with the entry instead of one
// round trip after another (entry -> page chunk -> the page chunk's own imports). Read from
// esbuild's metafile and the `path` / `import()` pairs of client/routes.ts.
import type { Metafile } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** [page path pattern, chunk URLs] for every lazy route, minus what the entry already loads. */
export function routeChunks(
  metafile: Metafile,
  clientDir: string,
  entryFile: string,
  asUrl: (file: string) => string,
): [string, string[]][] {
  const outputs = metafile.outputs;
  const staticClosure = (file: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const i of outputs[file]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) staticClosure(i.path, seen);
    return seen;
  };
  const byModule = new Map<string, string>();
  for (const [file, o] of Object.entries(outputs)) if (o.entryPoint) byModule.set(path.resolve(o.entryPoint), file);
  const loadedFirst = staticClosure(entryFile);

  const routesFile = path.join(clientDir, 'routes.ts');
  const table: [string, string[]][] = [];
  // Each route object: its `path: '...'`, then (before the next route) its `import('./pages/...')`.
  for (const segment of readFileSync(routesFile, 'utf8')
    .split(/\bpath:\s*'/)
    .slice(1)) {
    const pattern = segment.slice(0, segment.indexOf("'"));
    const lazy = /import\('(\.[^']+)'\)/.exec(segment);
    if (!lazy) continue;
    const module = [...byModule.keys()].find((m) => m.replace(/\.tsx?$/, '') === path.resolve(clientDir, lazy[1]));
    if (!module) throw new Error(`routes.ts: no chunk for ${lazy[1]} (route ${pattern})`);
    const chunks = [...staticClosure(byModule.get(module)!)].filter((f) => !loadedFirst.has(f));
    table.push([pattern, chunks.map(asUrl)]);
  }
  return table;
}
