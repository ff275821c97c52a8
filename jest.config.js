// One Jest run, three tiers chosen by file suffix. `npm test` runs them all.
const preset = require('./jest.preset');

const tier = (name, suffix, extra = {}) => ({
  ...preset,
  displayName: name,
  rootDir: __dirname,
  roots: ['<rootDir>/libs', '<rootDir>/services'],
  testMatch: [`**/*.${suffix}.spec.ts`],
  ...extra,
});

module.exports = {
  projects: [
    tier('unit', 'unit'),
    tier('int', 'int', { testTimeout: 60000 }),
    tier('e2e', 'e2e', { testTimeout: 120000 }),
  ],
};
