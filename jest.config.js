// One Jest run, five tiers chosen by file suffix (browser: real Chromium through services/web; faults: the whole
// platform as processes under faults, issue 16). `npm test` runs them all.
// `testTimeout` is not a per-project option, so each tier sets its timeout in a setup file.
const path = require('node:path');
const preset = require('./jest.preset');

const tier = (name, suffix) => ({
  ...preset,
  displayName: name,
  rootDir: __dirname,
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/tools'],
  testMatch: [`**/*.${suffix}.spec.ts`],
  setupFilesAfterEnv: [path.join(__dirname, `jest.timeout.${name}.js`)],
});

module.exports = {
  // A worker that has run many suites (each with its own module registry, Nest apps and clients)
  // grows until V8's heap limit ends it mid-suite (seen: 4 GB after 130 s in CI). Restart a worker
  // between suites once its idle heap passes this.
  workerIdleMemoryLimit: '1500MB',
  // The project's own NATS bus with its users and permissions (infra/ensure-bus.sh test).
  globalSetup: path.join(__dirname, 'tools/jest-global-setup.js'),
  projects: [tier('unit', 'unit'), tier('int', 'int'), tier('e2e', 'e2e'), tier('browser', 'browser'), tier('faults', 'faults')],
};
