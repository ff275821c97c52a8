// Keeps every workspace package's build shape in one form, as `nx sync` would: tsconfig.json builds src/
// into the package's own dist/ (`tsc -b`), its "references" are the @adminduk packages its production
// sources import, and a lib's package.json entry points ("main", "types", "exports" ".") name that dist/.
// `npm run build` runs it first; `--check` (in `npm run lint`) only reports what is out of date.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');
const testOnly = /\.spec\.ts$|\/testing\/|\.testing\.ts$|\.bench\.ts$|\.fixture\.ts$|\/contract\/|-test-target\.ts$/;
const EXCLUDE = ['src/**/*.spec.ts', 'src/**/testing/**', 'src/**/*.testing.ts', 'src/**/*.bench.ts', 'src/**/*.fixture.ts'];
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const walk = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));

const packages = new Map(); // package name -> { dir, lib }
const entryNames = (dir) => {
  const entries = path.join(root, dir, 'src/entries');
  return fs.existsSync(entries)
    ? fs
        .readdirSync(entries)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => f.slice(0, -3))
        .sort()
    : [];
};
for (const kind of ['libs', 'services', 'tools']) {
  for (const name of fs.readdirSync(path.join(root, kind))) {
    const dir = path.join(kind, name);
    if (!fs.statSync(path.join(root, dir)).isDirectory()) continue;
    if (!fs.existsSync(path.join(root, dir, 'package.json')) || !fs.existsSync(path.join(root, dir, 'src'))) continue;
    const pkg = readJson(path.join(dir, 'package.json'));
    // A test-only package (libs/testing) is never built: tests and swc read its sources.
    if (pkg.nx?.tags?.includes('type:testing')) continue;
    packages.set(pkg.name, { dir, lib: kind === 'libs' });
  }
}

const missingTags = [];
const stale = new Map(); // file -> what it should hold
const write = (file, value) => {
  const current = fs.existsSync(path.join(root, file)) ? JSON.stringify(readJson(file)) : '';
  if (current !== JSON.stringify(value)) stale.set(file, value);
};

for (const [name, { dir, lib }] of packages) {
  const imported = new Set();
  for (const file of walk(path.join(root, dir, 'src'))) {
    if (!file.endsWith('.ts') || testOnly.test(path.relative(root, file))) continue;
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?:from|import\(|require\()\s*'(@adminduk\/[a-z-]+)(?:\/[a-z-]+)?'/g)) {
      if (m[1] !== name && packages.has(m[1])) imported.add(m[1]);
    }
  }
  const tsconfigFile = path.join(dir, 'tsconfig.json');
  const tsconfig = fs.existsSync(path.join(root, tsconfigFile)) ? readJson(tsconfigFile) : {};
  const hasData = fs.existsSync(path.join(root, dir, 'data'));
  const index = path.join(root, dir, 'src/index.ts');
  const exportsTesting = fs.existsSync(index) && /from '\.\/testing/.test(fs.readFileSync(index, 'utf8'));
  write(tsconfigFile, {
    extends: '../../tsconfig.base.json',
    compilerOptions: {
      ...tsconfig.compilerOptions,
      rootDir: '.',
      outDir: 'dist',
      tsBuildInfoFile: 'dist/tsconfig.tsbuildinfo',
      types: tsconfig.compilerOptions?.types ?? ['node'],
      // A failed build writes nothing (a missing reference would otherwise emit into a sibling's src/).
      noEmitOnError: true,
      ...(lib ? { composite: true, declaration: true } : {}),
    },
    include: ['src/**/*.ts', ...(hasData ? ['data/**/*.json'] : [])],
    // A lib whose main entry re-exports its testing helpers builds them too.
    exclude: (tsconfig.exclude ?? EXCLUDE).filter((e) => e !== 'src/**/testing/**' || !exportsTesting),
    references: [...imported].sort().map((p) => ({ path: path.relative(dir, packages.get(p).dir) })),
  });

  const pkgFile = path.join(dir, 'package.json');
  const pkg = readJson(pkgFile);
  // Every package is imported through its entries (a service only through its testing entry), so Nx sees
  // each as a library; its tags (type:*, scope:*) say what it is and are checked by the module boundaries.
  if (!pkg.nx?.tags?.some((t) => t.startsWith('type:'))) missingTags.push(pkgFile);
  const { projectType: _type, ...nx } = pkg.nx ?? {};
  pkg.nx = { projectType: 'library', ...nx };
  // Other packages' tests reach a package only through its testing entry (docs/architecture.md, "House rules").
  if (fs.existsSync(path.join(root, dir, 'src/testing/index.ts'))) {
    pkg.exports = { ...pkg.exports, './testing': './src/testing/index.ts' };
  }
  if (!lib) {
    write(pkgFile, pkg);
    continue;
  }
  const entry = { types: './dist/src/index.d.ts', default: './dist/src/index.js' };
  const { main: _m, types: _t, exports: exp, ...rest } = pkg;
  // Narrow entries (src/entries/<name>.ts as '<package>/<name>'): a part of the lib without the rest of
  // its imports, e.g. the migrations without the TypeORM entities, so a service loads only what it runs.
  const narrow = Object.fromEntries(
    entryNames(dir).map((n) => [`./${n}`, { types: `./dist/src/entries/${n}.d.ts`, default: `./dist/src/entries/${n}.js` }]),
  );
  const { '.': _main, ...others } = exp ?? {};
  const testingEntry = others['./testing'];
  const ordered = {};
  for (const [k, v] of Object.entries(rest)) {
    ordered[k] = v;
    if (k === 'private')
      Object.assign(ordered, {
        main: entry.default,
        types: entry.types,
        exports: { '.': entry, ...narrow, ...(testingEntry ? { './testing': testingEntry } : {}) },
      });
  }
  write(pkgFile, ordered);
}

// Sources for tsc, Jest and swc: each lib's main entry and each package's testing entry, by package name.
const base = readJson('tsconfig.base.json');
const paths = { ...base.compilerOptions.paths };
for (const [name, { dir, lib }] of packages) {
  if (lib) paths[name] = [`${dir}/src/index.ts`];
  if (lib) for (const n of entryNames(dir)) paths[`${name}/${n}`] = [`${dir}/src/entries/${n}.ts`];
  if (fs.existsSync(path.join(root, dir, 'src/testing/index.ts'))) paths[`${name}/testing`] = [`${dir}/src/testing/index.ts`];
}
write('tsconfig.base.json', { ...base, compilerOptions: { ...base.compilerOptions, paths } });

// The root build builds every package.
write('tsconfig.build.json', {
  files: [],
  references: [...packages.values()].map((p) => ({ path: p.dir })).sort((a, b) => a.path.localeCompare(b.path)),
});

if (missingTags.length) {
  console.error(`No Nx type tag (package.json "nx": { "tags": ["type:...", "scope:..."] }): ${missingTags.join(', ')}`);
  process.exit(1);
}
const files = [...stale.keys()].join(', ');
if (stale.size && check) {
  console.error(`Package build shape out of date: ${files}. Run: node tools/sync-packages.js`);
  process.exit(1);
}
(async () => {
  const prettier = require('prettier');
  for (const [file, value] of stale) {
    const options = { ...(await prettier.resolveConfig(path.join(root, file))), filepath: path.join(root, file) };
    fs.writeFileSync(path.join(root, file), await prettier.format(JSON.stringify(value), options));
  }
  if (stale.size) console.error(`updated: ${files}`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
