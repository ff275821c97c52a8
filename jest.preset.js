// Shared Jest settings: SWC transpiles (fast on 2 cores); `tsc` type-checks once, separately.
const path = require('node:path');
const fs = require('node:fs');

const root = __dirname;
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Sources, as tsconfig paths do (the packages' "exports" point at dist/, for compiled services).
  moduleNameMapper: {
    '^@adminduk/([a-z-]+)$': path.join(root, 'libs/$1/src/index.ts'),
    '^@adminduk/([a-z-]+)/testing$': ['libs', 'services'].map((kind) => path.join(root, kind, '$1/src/testing/index.ts')),
  },
  modulePathIgnorePatterns: ['<rootDir>/(libs|services)/[^/]+/dist/'],
  setupFiles: [path.join(root, 'jest.setup.js')],
};
