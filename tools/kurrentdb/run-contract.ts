import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventStoreEnv, loadConfig, z } from '@adminduk/config';
import { contractVerdict, type JestSummary } from './contract-verdict';

/**
 * `npm run test:kurrentdb`: the event-store contract suite (libs/event-store/src/contract) against
 * the KurrentDB server or cluster EVENTSTOREDB_URL names. Unlike `npm test`, where the suite skips
 * by name when no server is reachable, this run exists to prove the adapter: without the URL it
 * stops with one config line, and a run that skipped or ran nothing fails (contract-verdict.ts).
 * docs/runbook.md, "Kubernetes: the KurrentDB contract suite".
 */
const ROOT = path.resolve(__dirname, '../..');
const SUITE = 'libs/event-store/src/kurrentdb/kurrentdb-event-store.int.spec.ts';
const EXAMPLE =
  "EVENTSTOREDB_URL='kurrentdb+discover://admin:<password>@kurrentdb.adminduk-data.svc.cluster.local:2113?tls=true' npm run test:kurrentdb";

const env = { ...process.env, ADMINDUK_ENV: process.env.ADMINDUK_ENV ?? 'test' };
// The project's one check of the variable (libs/config), but required here rather than optional.
const { EVENTSTOREDB_URL } = loadConfig(z.object({ EVENTSTOREDB_URL: eventStoreEnv().shape.EVENTSTOREDB_URL.unwrap() }), env, {
  write: (line) => process.stderr.write(`${line}\n  e.g. ${EXAMPLE}\n`),
});

const out = mkdtempSync(path.join(tmpdir(), 'kurrentdb-contract-'));
const report = path.join(out, 'jest.json');
const jest = spawnSync(
  process.execPath,
  [
    require.resolve('jest/bin/jest'),
    '-c',
    'jest.config.js',
    '--selectProjects',
    'int',
    '--runTestsByPath',
    SUITE,
    '--json',
    `--outputFile=${report}`,
  ],
  {
    cwd: ROOT,
    stdio: 'inherit',
    // The contract needs no bus: naming one keeps Jest's global setup from starting the test bus
    // (tools/jest-global-setup.js), which a cluster Job has no nats-server for.
    env: { ...env, EVENTSTOREDB_URL, TEST_NATS_URL: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222' },
  },
);

let summary: JestSummary | undefined;
try {
  summary = JSON.parse(readFileSync(report, 'utf8')) as JestSummary;
} catch {
  summary = undefined;
} finally {
  rmSync(out, { recursive: true, force: true });
}
const verdict = summary
  ? contractVerdict(summary)
  : { ok: false, message: `Jest wrote no report (exit ${jest.status ?? jest.signal}): the suite did not run` };
process.stderr.write(`test:kurrentdb: ${verdict.message}\n`);
process.exit(verdict.ok ? 0 : 1);
