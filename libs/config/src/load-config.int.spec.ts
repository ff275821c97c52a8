// Spawning a TypeScript process takes a few seconds on a busy 2-core machine.
jest.setTimeout(60_000);

import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const fixture = path.join(__dirname, 'exit-on-bad-env.fixture.ts');

function start(env: Record<string, string>) {
  const { PATH, HOME } = process.env;
  return spawnSync(process.execPath, ['-r', '@swc-node/register', fixture], {
    cwd: root,
    env: { PATH, HOME, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('a process started with a bad environment', () => {
  it('exits with code 1 after one line naming the variables', () => {
    const run = start({ ADMINDUK_ENV: 'test', NATS_URL: 'http://localhost:4222', PORT: 'abc' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      'config error: DATABASE_URL is required; NATS_URL must be a nats:// URL; PORT must be a port number (0-65535)',
    ]);
  });

  it('starts when the environment is good', () => {
    const run = start({
      ADMINDUK_ENV: 'test',
      DATABASE_URL: 'postgres://postgres@127.0.0.1/adminduk',
      NATS_URL: 'nats://127.0.0.1:4222',
      PORT: '8123',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('started on 8123\n');
  });
});
