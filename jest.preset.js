// Shared Jest settings: SWC transpiles (fast on 2 cores); `tsc` type-checks once, separately.
const path = require('node:path');
const fs = require('node:fs');

const root = __dirname;
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@adminduk/([a-z-]+)$': path.join(root, 'libs/$1/src/index.ts') },
  setupFiles: [path.join(root, 'jest.setup.js')],
};
