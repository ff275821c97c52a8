// Before any test: the project's own test bus runs (started, or reloaded with the current
// permissions). Suites that never touch NATS pay about a second for it.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async () => {
  if (process.env.TEST_NATS_URL) return; // an external bus was named: the caller runs it
  execFileSync('bash', [path.join(__dirname, '../infra/ensure-bus.sh'), 'test'], { stdio: 'inherit' });
};
