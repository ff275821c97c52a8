import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditBundle } from '@adminduk/audit';
import { auditedLog, runCli, type AuditedLog, type CliRun } from './audit-log.testing';

const SCRIPT = join(__dirname, '..', 'verify-bundle.sh');

/** The documented openssl procedure (docs/audit.md), as a third party runs it. */
const opensslVerify = (bundle: string, key: string): Promise<CliRun> =>
  new Promise((resolve) =>
    execFile('bash', [SCRIPT, bundle, key], (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );

describe('adminduk export and verify-bundle (offline, and with openssl)', () => {
  const applicationId = randomUUID();
  const stream = `application-${applicationId}`;
  let log: AuditedLog;
  let file: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    log = await auditedLog([stream, 'application-other', stream, 'application-other', stream, stream, 'application-other'], 3);
    env = { ADMINDUK_DATABASE_URL: log.schema.url, ADMINDUK_AUDITOR_ID: 'auditor-7' };
    file = join(tmpdir(), `bundle-${applicationId}.json`);
  });
  afterAll(async () => {
    await log.close();
  });

  it('exports the application with proofs, and records the export in its access log', async () => {
    const run = await runCli(['export', applicationId, '--out', file, '--key', log.publicKeyFile], env);
    expect(run.status).toBe(0);
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as AuditBundle;
    expect(bundle.events.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    expect(bundle.events[2].data).toEqual({ catatan: `${stream} #2`, urutan: 2 });
    expect(bundle.checkpoint.treeSize).toBe(7);
    const { rows } = await log.db.query<{ data: { view: unknown; viewer: { userId: string; role: string } } }>(
      `SELECT data FROM es_events WHERE stream_id = $1 AND type = 'PersonalDataViewed'`,
      [`access-${applicationId}`],
    );
    expect(rows.map((r) => r.data)).toEqual([
      expect.objectContaining({ view: { kind: 'export' }, viewer: { userId: 'auditor-7', role: 'auditor' } }),
    ]);
  });

  it('verifies offline with verify-bundle and with openssl', async () => {
    const cli = await runCli(['verify-bundle', file, '--key', log.publicKeyFile], {});
    expect(cli).toMatchObject({ status: 0, stdout: expect.stringContaining(`valid: 4 events of ${stream}, in checkpoint 7`) });
    const openssl = await opensslVerify(file, log.publicKeyFile);
    expect(openssl).toMatchObject({ status: 0, stdout: expect.stringContaining('valid: 4 events') });
  });

  const flipped = (name: string, at: (text: string) => number): string => {
    const bytes = Buffer.from(readFileSync(file));
    const i = at(bytes.toString('latin1'));
    bytes[i] ^= 0x01;
    const out = `${file}.${name}`;
    writeFileSync(out, bytes);
    return out;
  };

  it.each([
    ['a byte of an event content', (t: string) => t.indexOf('#1', t.indexOf('#1') + 1) + 1, 'content hash'], // data, then content
    ['a byte of the checkpoint signature', (t: string) => t.indexOf('"signature": "') + 20, 'signature'],
    ['a byte of an inclusion proof', (t: string) => t.indexOf('"inclusionProof": [') + 30, 'not (included )?in checkpoint'],
  ])('fails with %s flipped (CLI and openssl)', async (name, at, why) => {
    const bad = flipped(name.replace(/\W+/g, '-'), at);
    const cli = await runCli(['verify-bundle', bad, '--key', log.publicKeyFile], {});
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(new RegExp(`INVALID: .*${why}`));
    const openssl = await opensslVerify(bad, log.publicKeyFile);
    expect(openssl.status).toBe(1);
    expect(openssl.stdout).toMatch(new RegExp(`INVALID: .*${why}`));
  });

  it('says a signature that no longer decodes is invalid (a flip lands outside base64 for some signatures)', async () => {
    const text = readFileSync(file, 'latin1');
    const i = text.indexOf('"signature": "') + 20;
    const bad = `${file}.undecodable`;
    writeFileSync(bad, `${text.slice(0, i)}@${text.slice(i + 1)}`, 'latin1');
    expect(await runCli(['verify-bundle', bad, '--key', log.publicKeyFile], {})).toMatchObject({ status: 1 });
    const openssl = await opensslVerify(bad, log.publicKeyFile);
    expect(openssl).toMatchObject({ status: 1, stdout: expect.stringMatching(/INVALID: checkpoint signature/) });
  });

  it('fails when the shown data differ from what was hashed, and under another key', async () => {
    const bad = flipped('data', (t) => t.indexOf('"catatan": "') + 14);
    const cli = await runCli(['verify-bundle', bad, '--key', log.publicKeyFile, '--json'], {});
    expect(cli.status).toBe(1);
    expect(JSON.parse(cli.stdout).problems).toEqual([expect.stringContaining('differ from the hashed content')]);
    const other = await auditedLog(['application-x'], 1);
    try {
      const wrongKey = await runCli(['verify-bundle', file, '--key', other.publicKeyFile], {});
      expect(wrongKey.status).toBe(1);
      expect(wrongKey.stdout).toContain('not by the trusted key');
      expect((await opensslVerify(file, other.publicKeyFile)).stdout).toContain('INVALID: checkpoint not signed by this key');
    } finally {
      await other.close();
    }
  });
});
