import { readdirSync, readFileSync } from 'node:fs';
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Files that only tests run: they may reach other services, but only through a published testing entry.
const testFiles = [
  '**/*.spec.ts',
  '**/testing/**/*.ts',
  '**/*.testing.ts',
  '**/*.fixture.ts',
  '**/*.bench.ts',
  'bench/**/*.ts',
  // The event store's shared contract suite and the KurrentDB target it runs against.
  '**/contract/**/*.ts',
  '**/*-test-target.ts',
];

// Module boundaries (docs/architecture.md, "House rules"). Tags live in each package.json "nx" block.
const productionConstraints = [
  // The API's contracts are declarations the web app's code compiles too: no package at all, not even the domain.
  { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'], allowedExternalImports: [] },
  // The domain is pure: other domain code only, and no infrastructure package at all.
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], allowedExternalImports: ['fast-check'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:contract', 'type:domain', 'type:lib'] },
  // A service is built from libs; it never imports another service.
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:contract', 'type:domain', 'type:lib'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contract', 'type:domain', 'type:lib'] },
  // Shared libs never depend on a service.
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
];
const testConstraints = [
  { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'], allowedExternalImports: [] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], allowedExternalImports: ['fast-check'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:contract', 'type:domain', 'type:lib', 'type:testing'] },
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:contract', 'type:domain', 'type:lib', 'type:testing', 'type:service'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contract', 'type:domain', 'type:lib', 'type:testing'] },
];
const boundaries = (depConstraints) => ['error', { allow: [], banTransitiveDependencies: false, depConstraints }];

// `@adminduk/<service>` itself and any deep path (`@adminduk/x/src/...`) are not entry points; `/testing` is.
// By package name, not folder: services/notifications is @adminduk/notifications-service (the lib has the short name).
const services = readdirSync(new URL('./services', import.meta.url)).flatMap((dir) => {
  try {
    return [JSON.parse(readFileSync(new URL(`./services/${dir}/package.json`, import.meta.url), 'utf8')).name.replace('@adminduk/', '')];
  } catch {
    return [];
  }
});
// A lib's narrow entries are entries too: the '@adminduk/<lib>/<name>' paths tools/sync-packages.js
// writes into tsconfig.base.json for each src/entries/<name>.ts (one discovery, there).
const tsPaths = JSON.parse(readFileSync(new URL('./tsconfig.base.json', import.meta.url), 'utf8')).compilerOptions.paths;
const narrowEntries = Object.entries(tsPaths)
  .filter(([, [file]]) => /^libs\/[^/]+\/src\/entries\//.test(file))
  .map(([name]) => name.replace('@adminduk/', ''));
const notAnEntry = `^@adminduk/(?:(?:${services.join('|')})$|(?!(?:${narrowEntries.join('|')})$)[a-z-]+/(?!testing$))`;
const entryMessage =
  "Import a package through its entry: '@adminduk/<lib>', a narrow entry ('@adminduk/<lib>/<name>', src/entries), or '@adminduk/<package>/testing' from tests.";

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '.local/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(productionConstraints),
      'no-restricted-imports': ['error', { patterns: [{ regex: notAnEntry, message: entryMessage }] }],
      'no-restricted-syntax': [
        'error',
        { selector: `ImportExpression[source.value=/${notAnEntry.replace(/\//g, '\\/')}/]`, message: entryMessage },
      ],
    },
  },
  {
    files: testFiles,
    rules: { '@nx/enforce-module-boundaries': boundaries(testConstraints) },
  },
  {
    files: [...testFiles, 'tools/**/*.ts', 'infra/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Formatting is Prettier's alone: turn off every ESLint rule that would argue with it.
  prettier,
);
