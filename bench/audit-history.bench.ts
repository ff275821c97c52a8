/**
 * `adminduk history` benchmark (issue 14): the timeline of a 50-event application within 1 s, CLI
 * start-up included, as an auditor runs it (a fresh process each time).
 *
 * 1. A migrated schema; one application of 50 events appended through the event store (an online
 *    file's whole life: submission, scans, decisions, verification, NIK, signing, padded with
 *    re-uploaded scans), so the chain is the store's own.
 * 2. Baseline: `node -e 0`, the bare start-up of Node on this machine now.
 * 3. The built CLI (`tsc -b tools/adminduk`, as installed) and, for comparison, the CLI from its
 *    sources through swc (a fresh clone without a build): `adminduk history ID`, each run a new
 *    process; the median and the worst of RUNS runs, and the ratio to the baseline.
 *
 *   node -r @swc-node/register bench/audit-history.bench.ts     (or: bash infra/bench.sh audit-history)
 *
 * Env: BENCH_HISTORY_RUNS (default 15). Writes bench/results/audit-history.json.
 * Target: the built CLI's median <= 1,000 ms.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { applicationStreamId, domainTesting, type ApplicationEvent } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { createTestSchema } from '@adminduk/testing';
import { round } from './lib/bench-kit';

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const RUNS = Number(process.env.BENCH_HISTORY_RUNS ?? 15);
const EVENTS = 50;
const TARGET_MS = 1000;
const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'tools', 'adminduk', 'bin', 'adminduk.js');

/** An online file's whole life (scans, decisions, verification, NIK, signing), scans re-uploaded to exactly 50 events. */
function fiftyEvents(): ApplicationEvent[] {
  const life = (extraUploads: number) => {
    const s = new domainTesting.KkScenario('daring-mandiri').submit().uploadAll();
    for (let i = 0; i < extraUploads; i++) s.upload(domainTesting.DOCUMENT_REQUIREMENTS[i % domainTesting.DOCUMENT_REQUIREMENTS.length]);
    return s.acceptAll().verify().assignNik().sign().events;
  };
  const events = life(EVENTS - life(0).length);
  if (events.length !== EVENTS) throw new Error(`built ${events.length} events, not ${EVENTS}`);
  return events;
}

function timed(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, { env }, (error, stdout, stderr) => {
      if (error && error.code !== 0) return reject(new Error(`${args.join(' ')} failed (${error.code}): ${stderr.slice(-1000)}`));
      if (args[0] === BIN && !stdout.includes(`Rantai hash utuh (${EVENTS} kejadian).`))
        return reject(new Error(`unexpected output:\n${stdout}`));
      resolve(Number(process.hrtime.bigint() - started) / 1e6);
    }),
  );
}

async function series(args: string[], env: NodeJS.ProcessEnv) {
  await timed(args, env); // warm the file cache once, as a second run by an auditor would be
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) ms.push(await timed(args, env));
  ms.sort((a, b) => a - b);
  return { medianMs: round(ms[Math.floor(ms.length / 2)], 1), maxMs: round(ms[ms.length - 1], 1) };
}

async function main(): Promise<void> {
  const schema = await createTestSchema('historybench');
  const store = await PostgresEventStore.create({ connectionString: schema.url });
  try {
    const id = randomUUID();
    const events = fiftyEvents();
    await store.appendToStream(
      applicationStreamId(id),
      events.map((e) => ({
        type: e.type,
        data: e.data,
        metadata: {
          eventId: randomUUID(),
          occurredAt: new Date().toISOString(),
          schemaVersion: e.schemaVersion,
          correlationId: randomUUID(),
        },
      })),
      'no_stream',
    );
    console.log('audit-history bench: building the CLI (tsc -b tools/adminduk)');
    execFileSync('npx', ['tsc', '-b', 'tools/adminduk/tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
    const env = { PATH: process.env.PATH ?? '', ADMINDUK_DATABASE_URL: schema.url };
    const baseline = await series(['-e', '0'], env);
    console.log(`  node -e 0: median ${baseline.medianMs} ms`);
    const built = await series([BIN, 'history', id], env);
    console.log(`  adminduk history (built): median ${built.medianMs} ms`);
    const source = await series([BIN, 'history', id], { ...env, ADMINDUK_CLI_FROM_SOURCE: '1' });
    console.log(`  adminduk history (from sources, swc): median ${source.medianMs} ms`);
    const result = {
      benchmark: 'audit-history',
      events: EVENTS,
      runs: RUNS,
      nodeStartup: baseline,
      built: { ...built, ratioToNodeStartup: round(built.medianMs / baseline.medianMs, 2) },
      fromSources: { ...source, ratioToNodeStartup: round(source.medianMs / baseline.medianMs, 2) },
      targets: { medianMs: TARGET_MS },
      pass: built.medianMs <= TARGET_MS,
      machine: { cpus: cpus().length, loadavg: loadavg().map((l) => round(l, 2)) },
      at: new Date().toISOString(),
    };
    const out = join(__dirname, 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'audit-history.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    process.exitCode = result.pass ? 0 : 1;
  } finally {
    await store.close();
    await schema.drop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
