'use strict';
/**
 * One bundle per service (after `tsc -b`): services/<s>/dist/bundle/main.js from the compiled
 * dist/src/main.js, its launcher start.js, and V8's code cache of it (start.js explains why).
 *   node tools/service-bundle/bundle.js [service...]      default: every services/<s> with src/main.ts
 * From the compiled JavaScript, not the TypeScript sources: Nest's dependency injection needs the
 * decorator metadata tsc emits and esbuild does not. Left outside the bundle, loaded from node_modules:
 * pg (OpenTelemetry instruments it when it is required), native and optional packages.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '../..');
const EXTERNAL = ['pg', 'pg-pool', 'pg-protocol', 'pg-native', '@kurrent/*', '*.node'];

/** Packages Nest and TypeORM ask for by name that are not installed: left to fail at run time, as they do unbundled. */
const uninstalledStayExternal = {
  name: 'uninstalled-stay-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      try {
        require.resolve(args.path, { paths: [args.resolveDir] });
        return undefined;
      } catch {
        return { path: args.path, external: true };
      }
    });
  },
};

/** Worker threads a service starts from a file beside its module (dist/src/**\/<name>.worker.js): bundled beside main.js. */
function workerEntries(dist) {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.worker.js')) found.push(p);
    }
  };
  walk(path.join(dist, 'src'));
  return found;
}

async function bundle(service) {
  const dist = path.join(root, 'services', service, 'dist');
  const out = path.join(dist, 'bundle');
  fs.rmSync(out, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(dist, 'src/main.js'), ...workerEntries(dist)],
    entryNames: '[name]',
    outdir: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL,
    plugins: [uninstalledStayExternal],
    // tsconfig paths would lead to the TypeScript sources (see above); the packages' exports lead to dist.
    tsconfigRaw: {},
    // Nest and the logs name classes and functions.
    keepNames: true,
    // Half the bytes to read and parse at every start (reading the file was a third of a start's CPU here).
    minify: true,
    logLevel: 'error',
  });
  fs.copyFileSync(path.join(__dirname, 'start.js'), path.join(out, 'start.js'));
  // No configuration: every module loads, the configuration check stops the process, the cache is written.
  const env = { PATH: process.env.PATH, CODE_CACHE_WARMUP: '1' };
  spawnSync(process.execPath, [path.join(out, 'start.js')], { env, stdio: 'ignore', timeout: 60_000 });
  if (!fs.existsSync(path.join(out, 'main.js.v8cache'))) throw new Error(`${service}: the warm-up wrote no code cache`);
}

async function main() {
  const all = fs.readdirSync(path.join(root, 'services')).filter((s) => fs.existsSync(path.join(root, 'services', s, 'src/main.ts')));
  const services = process.argv.length > 2 ? process.argv.slice(2) : all;
  for (const s of services) await bundle(s);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
