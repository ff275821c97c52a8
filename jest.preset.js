// Shared Jest settings: SWC transpiles (fast on 2 cores); `tsc` type-checks once, separately.
const path = require('node:path');
const fs = require('node:fs');

const root = __dirname;
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
const { paths } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Sources, by the same tsconfig paths tsc and swc use (tools/sync-packages.js keeps them); the
  // packages' "exports" point at dist/, for compiled services.
  moduleNameMapper: Object.fromEntries(
    Object.entries(paths).map(([name, [file]]) => [`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, path.join(root, file)]),
  ),
  modulePathIgnorePatterns: ['<rootDir>/(libs|services)/[^/]+/dist/'],
  setupFiles: [path.join(root, 'jest.setup.js')],
};
