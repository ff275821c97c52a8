import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/** `npm run test:kurrentdb` as an operator runs it, with the environment given (nothing inherited about KurrentDB). */
async function testKurrentdb(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const { EVENTSTOREDB_URL: _ignored, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'test:kurrentdb'], { cwd: ROOT, env: { ...inherited, ...env } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('npm run test:kurrentdb without a server named', () => {
  it('stops with exit 1 and the config line naming EVENTSTOREDB_URL instead of skipping the contract', async () => {
    const r = await testKurrentdb({});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('config error: EVENTSTOREDB_URL is required');
    expect(r.stderr).toContain('npm run test:kurrentdb');
    // Stopped before Jest: no test ran, so nothing was reported as skipped or passed.
    expect(r.stderr + r.stdout).not.toMatch(/Tests:|SKIPPED/);
  });

  it('refuses a URL that is not a KurrentDB connection string, without echoing it', async () => {
    const r = await testKurrentdb({ EVENTSTOREDB_URL: 'postgres://admin:geheim@db:5432/x' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('config error: EVENTSTOREDB_URL must be a kurrentdb:// connection string');
    expect(r.stderr).not.toContain('geheim');
  });
});
