import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, httpStatus, platformProcessEnv, ServiceProcess, testBusEnv, uniqueId, type TestSchema } from '@adminduk/testing';
import { motherNikHash, OPEN_APPLICATIONS_OF_MOTHER_SQL } from '@adminduk/read-models';
import { round } from '../lib/bench-kit';
import { peakRssMb } from '../lib/process-cpu';
import { cpuSeconds, cpuSecondsByName, PostgresCpuByService, until, withCpu, type CpuProbe } from './cpu';
import { ProfiledService, type Service } from './profiled-service';
import { loopDelayEnv, loopDelayIn } from './loop-delay';
import { measure, runPaced } from './runs';
import { CPU_PROF, LOG_LEVEL, PACED_CONNECTIONS, PACED_RATE, PACED_WARMUP_SECONDS, PROFILED, resultsDir, SECONDS } from './settings';

/** The platform's five services in their own processes, loaded at saturation, then at the target rate open loop. */
export async function benchPlatform(schema: TestSchema, ns: string) {
  const ports = {
    auth: await freePort(),
    intake: await freePort(),
    projections: await freePort(),
    relay: await freePort(),
    gateway: await freePort(),
  };
  const issuer = `http://127.0.0.1:${ports.auth}`;
  const common = { ...platformProcessEnv({ namespace: ns, databaseUrl: schema.url, issuer }), LOG_LEVEL };
  const profDir = path.join(resultsDir, 'cpu-prof');
  if (CPU_PROF) mkdirSync(profDir, { recursive: true });
  const procs: Record<string, Service> = {};
  const start = (name: string, port: number, extra: Record<string, string> = {}) => {
    const env = { ...common, ...testBusEnv(name), PORT: String(port), ...loopDelayEnv(ns), ...extra };
    const entry = `services/${name}/src/main.ts`;
    procs[name] =
      CPU_PROF && PROFILED.includes(name)
        ? ProfiledService.start(name, entry, env, [`--cpu-prof`, `--cpu-prof-dir=${profDir}`, `--cpu-prof-name=${name}-${ns}.cpuprofile`])
        : ServiceProcess.start(name, entry, env);
  };
  try {
    start('auth-dev', ports.auth, { AUTH_DEV_KEY_DIR: mkdtempSync(path.join(tmpdir(), 'auth-dev-')) });
    start('intake', ports.intake);
    start('projections', ports.projections);
    start('relay', ports.relay);
    start('gateway', ports.gateway);
    for (const [name, port] of Object.entries(ports)) {
      const service = name === 'auth' ? 'auth-dev' : name;
      await until(`${name} ready`, async () => (await httpStatus(`http://127.0.0.1:${port}/health/ready`)) === 200, 90_000).catch(
        (e: Error) => {
          throw new Error(`${e.message}; its last output:\n${procs[service].output.slice(-10).join('\n')}`);
        },
      );
    }
    const r = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'operator.balongbendo', password: 'demo' }),
    });
    const token = ((await r.json()) as { access_token: string }).access_token;

    let postgres: PostgresCpuByService | undefined;
    const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
    let platformProbes: CpuProbe = {};
    const measured = await measure('platform', gatewayUrl, token, async () => {
      const probes: CpuProbe = Object.fromEntries(Object.entries(procs).map(([name, p]) => [name, () => cpuSeconds(p.child.pid)]));
      // PostgreSQL's work, split by the service whose connection each backend serves.
      postgres = new PostgresCpuByService(Object.fromEntries(Object.entries(procs).map(([name, p]) => [name, p.child.pid!])));
      await postgres.start();
      for (const name of Object.keys(procs)) probes[`postgres for ${name}`] = postgres.probe(name);
      // One server for everyone on this machine: includes other clients' work, if any.
      probes['nats-server (shared)'] = () => cpuSecondsByName('nats-server');
      return (platformProbes = probes);
    });

    // Every 201 is an application in the store; the read model catches up with all of them.
    const db = new Client({ connectionString: schema.url });
    await db.connect();
    const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
    const storedCount = () => count(`SELECT count(*) AS n FROM es_events WHERE type = 'ApplicationSubmitted'`);
    const catchUp = async () => {
      const stored = await storedCount();
      const t0 = Date.now();
      let projected = 0;
      await until(
        'the read model to catch up',
        async () => (projected = await count(`SELECT count(*) AS n FROM application_view`)) >= stored,
        180_000,
        100,
      ).catch(() => undefined);
      return { stored, projected, catchUpSecondsAfterLoad: round((Date.now() - t0) / 1000, 1) };
    };
    const readModel = await catchUp();

    // The target rate, open loop, on a caught-up platform: the latency a user has at that rate.
    process.stdout.write(
      `platform: sustained, ${PACED_RATE} requests/s offered open loop (up to ${PACED_CONNECTIONS} connections), warm-up ${PACED_WARMUP_SECONDS} s, then ${SECONDS} s...\n`,
    );
    const paced = await withCpu(platformProbes, () =>
      runPaced({
        url: gatewayUrl,
        token,
        keyPrefix: uniqueId('paced').replace(/_/g, '-'),
        seconds: SECONDS,
        warmupSeconds: PACED_WARMUP_SECONDS,
        rate: PACED_RATE,
        connections: PACED_CONNECTIONS,
      }),
    );
    await postgres?.stop();
    const sustained = {
      result: paced.value,
      // Includes the generator's warm-up, a few seconds at the same rate.
      cpuSeconds: { ...paced.cpuSeconds, 'load generator (paced)': paced.value.cpuSeconds },
      machineBusyPercent: paced.machineBusyPercent,
      monotonicWindowUs: paced.monotonicWindowUs,
      loopDelay: loopDelayIn(ns, paced.monotonicWindowUs),
      readModel: await catchUp(),
    };
    const accepted = measured.warmup.ok2xx + measured.result.ok2xx + sustained.result.warmup.ok2xx + sustained.result.ok2xx;
    // Requests the paced generator gave up on (timeouts) may still have been stored.
    const unanswered = sustained.result.timeouts + sustained.result.warmup.timeouts;
    const stored = await storedCount();
    const projected = sustained.readModel.projected;
    const flagged = await count(`SELECT count(*) AS n FROM es_events WHERE type = 'PossibleDuplicateFlagged'`);
    // The view half of the duplicate check every submission runs (PostgresOpenApplications), on
    // the read model as this run left it: its plan and time show how it grows with the table.
    const plan = (
      await db.query<{ 'QUERY PLAN': [{ Plan: { 'Node Type': string }; 'Execution Time': number }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${OPEN_APPLICATIONS_OF_MOTHER_SQL}`,
        [motherNikHash('3515125907900001')],
      )
    ).rows[0]['QUERY PLAN'][0];
    const duplicateCheckQuery = { rowsInReadModel: projected, plan: plan.Plan['Node Type'], executionMs: round(plan['Execution Time'], 2) };
    await db.end();
    return {
      ...measured,
      sustained,
      // Each service process's peak resident memory over the whole run (from sources through SWC).
      peakRssMb: Object.fromEntries(Object.entries(procs).map(([name, s]) => [name, peakRssMb(s.child.pid)])),
      postgresBackends: postgres?.backends ?? 0,
      accepted,
      unanswered,
      stored,
      readModel,
      duplicateCheckQuery,
      possibleDuplicatesFlagged: flagged,
      errorLines: Object.fromEntries(
        Object.entries(procs).map(([n, p]) => [n, p.lines('"level":50').length + p.lines('"level":60').length]),
      ),
    };
  } finally {
    await Promise.all(Object.values(procs).map((p) => p.stop()));
  }
}
