// Bundles the browser app (client/) with esbuild: code split per route, hashed file names, one CSS
// file, and an index.html naming the entry. `npm run build` runs it; the browser test harness runs
// buildWebAssets() into a directory of its own so tests always see the current sources.
import { build, type Metafile } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { routeChunks } from './route-chunks';

const CLIENT = path.resolve(__dirname, '../client');
export const DEFAULT_OUT_DIR = path.resolve(__dirname, '../dist/public');

export interface BuiltAssets {
  outDir: string;
  /** Paths under /assets of the entry's JS and CSS (what the first load fetches before any route chunk). */
  entryJs: string;
  entryCss?: string;
  metafile: Metafile;
}

export async function buildWebAssets(outDir: string = DEFAULT_OUT_DIR): Promise<BuiltAssets> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.join(outDir, 'assets'), { recursive: true });
  const result = await build({
    entryPoints: { app: path.join(CLIENT, 'main.tsx') },
    bundle: true,
    splitting: true,
    format: 'esm',
    // Chrome on low-end Android phones updates through the Play Store; ES2019 keeps older ones working.
    target: ['es2019', 'chrome80'],
    outdir: path.join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: 'c/[name]-[hash]',
    assetNames: '[name]-[hash]',
    publicPath: '/assets',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: false,
    metafile: true,
    legalComments: 'none',
    tsconfig: path.join(CLIENT, 'tsconfig.json'),
    logLevel: 'warning',
  });
  const outputs = Object.entries(result.metafile.outputs);
  const entry = outputs.find(([, o]) => o.entryPoint && o.entryPoint.endsWith('main.tsx'));
  if (!entry) throw new Error('esbuild produced no entry');
  const asUrl = (file: string) => `/assets/${path.relative(path.join(outDir, 'assets'), path.resolve(file)).split(path.sep).join('/')}`;
  const entryJs = asUrl(entry[0]);
  const entryCss = entry[1].cssBundle ? asUrl(entry[1].cssBundle) : undefined;
  // The entry's own imports, announced with the HTML so they download beside it, not after it.
  const preload = entry[1].imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => asUrl(i.path));
  // Inlined: the boot script (the page's data starts downloading at once) and the small stylesheet
  // (no render-blocking request). The CSS file stays for the budget figures.
  const boot = await build({
    entryPoints: [path.join(CLIENT, 'boot.ts')],
    define: { __ROUTE_CHUNKS__: JSON.stringify(routeChunks(result.metafile, CLIENT, entry[0], asUrl)) },
    bundle: true,
    format: 'iife',
    target: ['es2019', 'chrome80'],
    minify: true,
    write: false,
    tsconfig: path.join(CLIENT, 'tsconfig.json'),
    logLevel: 'warning',
  });
  const css = entryCss ? readFileSync(path.join(outDir, entryCss.replace(/^\//, ''))).toString('utf8') : '';
  const page = { js: entryJs, css: css.trim(), preload, boot: boot.outputFiles[0].text.trim() };
  writeFileSync(path.join(outDir, 'index.html'), indexHtml(page));
  // The inline script and style by hash, for the page's Content-Security-Policy (src/edge/static-assets.ts).
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  writeFileSync(path.join(outDir, 'inline-hashes.json'), JSON.stringify({ script: hash(page.boot), style: hash(page.css) }));
  precompress(path.join(outDir, 'assets'));
  return { outDir, entryJs, entryCss, metafile: result.metafile };
}

/** file.js.gz beside each file.js / file.css, at the highest level: compressed once, served many times. */
function precompress(dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) precompress(file);
    else if (/\.(js|css)$/.test(e.name)) writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION }));
  }
}

function indexHtml(p: { js: string; css: string; preload: string[]; boot: string }): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="#0b4f8a">
<link rel="icon" href="data:,">
<title>Layanan Adminduk Kabupaten Sidoarjo</title>
<script>${p.boot}</script>
<script type="module" src="${p.js}"></script>
${p.preload.map((href) => `<link rel="modulepreload" href="${href}">`).join('\n')}
<style>${p.css}</style>
</head>
<body>
<div id="app"><p class="memuat">Memuat halaman…</p></div>
<noscript>Aktifkan JavaScript di peramban Anda untuk memakai layanan ini.</noscript>
</body>
</html>
`;
}

if (require.main === module) {
  buildWebAssets(process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_OUT_DIR).then(
    (b) => process.stdout.write(`web assets built in ${path.relative(process.cwd(), b.outDir)} (entry ${b.entryJs})\n`),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
