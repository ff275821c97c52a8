import path from 'node:path';
import { EventLog } from '../testing/faults/event-log';
import { startFaultPlatform, type FaultPlatform } from '../testing/faults/fault-platform';
import { describeFault, everyFaultOnce, inject, randomFaults } from '../testing/faults/faults';
import { checkInvariants } from '../testing/faults/invariants';
import { LoadDriver } from '../testing/faults/load-driver';
import {
  CalmLag,
  catchUp,
  caughtUpTarget,
  READY_TARGET_MS,
  recoveryTable,
  relayRate,
  suiteCpu,
  targetMisses,
  writeResults,
  type Recovery,
  type RunSummary,
} from '../testing/faults/recovery';

/**
 * Issue 16: the whole platform as separate processes under a steady load of applications, broken
 * every way a server room breaks it, then checked from the streams and the outside world.
 * Bounded (npm test, npm run test:faults): every fault kind once (23) over FAULTS_APPLICATIONS
 * (default 1,000, the issue's size: about 3 minutes on 2 cores) applications. Soak: FAULTS_SOAK=1
 * (10,000 applications, 200 faults), or FAULTS_APPLICATIONS and FAULTS_COUNT. See docs/runbook.md
 * "Faults" and decision 0026.
 */
const soak = process.env.FAULTS_SOAK === '1';
const APPLICATIONS = Number(process.env.FAULTS_APPLICATIONS ?? (soak ? 10_000 : 1000));
const FAULT_COUNT = process.env.FAULTS_COUNT ? Number(process.env.FAULTS_COUNT) : soak ? 200 : undefined;
/** Roughly how long one fault takes, repair and recovery included: paces the load. */
const FAULT_SLOT_MS = 6000;
/**
 * What one application costs the platform, sustained. The bounded run spends about 200 ms of CPU per
 * application (services and nats-server 136 s, the suite 25 s, PostgreSQL 25 s, the S3 server 12 s
 * for 1,000), but a long run at one every 240 ms kept both cores at 100% (about 0.5 s of CPU per
 * application once retries and the waiters' polls pile up): the mail queue fell 190 s behind within
 * 8 minutes and applications missed their 180 s steps (issue 16's soak, session 8). One every 360 ms
 * leaves about a third of the machine for the faults' recoveries.
 */
const SUSTAINED_MS_PER_APPLICATION = 360;
/** A load no longer than this may outpace the platform (the bounded run: 6.5 a second for 2.5 minutes): its backlog drains after the last start. */
const BURST_MS = 180_000;

/**
 * The interval between two applications' starts: the load spread over the time the faults take
 * (and the 15 s calibration), and never faster than the platform sustains once the load lasts
 * longer than a burst. Bounded: 147 ms (the faults'); soak: 360 ms, 10,000 in 60 minutes.
 */
function loadPaceMs(applications: number, faults: number): number {
  const faultsPace = Math.max(100, Math.round((faults * FAULT_SLOT_MS + 15_000) / applications));
  return faultsPace * applications <= BURST_MS ? faultsPace : Math.max(faultsPace, SUSTAINED_MS_PER_APPLICATION);
}
const repoRoot = path.resolve(__dirname, '../../../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('faults: kill any service, restart the bus and the database, lose nothing (issue 16)', () => {
  let platform: FaultPlatform;
  let log: EventLog;

  beforeAll(async () => {
    platform = await startFaultPlatform();
    log = new EventLog(platform.databaseUrl);
  }, 300_000);
  afterAll(async () => {
    await log?.close();
    await platform?.close();
    // Where the machine's time went: with every service stopped, their CPU is counted as this process's children's.
    const cpu = suiteCpu();
    if (cpu)
      process.stdout.write(
        `faults: CPU ${cpu.suite.toFixed(0)} s in the suite's process, ${cpu.children.toFixed(0)} s in the services and nats-server\n`,
      );
  });

  it(`${APPLICATIONS} applications through every stage while the platform is broken; every invariant holds`, async () => {
    const started = Date.now();
    // FAULTS_ONLY=<text>: only the faults whose description contains it (to reproduce one).
    const faults = (FAULT_COUNT === undefined ? everyFaultOnce() : randomFaults(FAULT_COUNT)).filter(
      (f) => !process.env.FAULTS_ONLY || describeFault(f).includes(process.env.FAULTS_ONLY),
    );
    const load = new LoadDriver({
      gatewayUrl: platform.services.gateway.url,
      documentsUrl: platform.services.documents.url,
      printingUrl: platform.services.printing.url,
      complaintsUrl: platform.services.complaints.url,
      token: (u) => platform.token(u),
      mails: platform.smtp.messages,
      log,
    });
    // A steady load over the whole fault phase, the faults spread over it.
    const intervalMs = Number(process.env.FAULTS_INTERVAL_MS ?? loadPaceMs(APPLICATIONS, faults.length));
    const loadDone = load.run(APPLICATIONS, intervalMs);
    const progress = setInterval(
      () => process.stdout.write(`faults: ${Math.round((Date.now() - started) / 1000)} s: ${load.progress()}\n`),
      20_000,
    );
    progress.unref();
    const loadEnds = Date.now() + APPLICATIONS * intervalMs;

    // Calibration under the load: the calm lag of the read models (sampled again between faults), and the relay's drain rate.
    await sleep(5000);
    const calm = new CalmLag(log);
    await calm.sample(9000, 10);
    const firstCalmMs = calm.ms;
    const relay = platform.services.relay;
    const rate = await relayRate(
      log,
      async () => {
        relay.pause();
        await sleep(5000);
      },
      () => relay.resume(),
    );

    // The faults, spread over the load; each measured from its repair.
    const recoveries: Recovery[] = [];
    for (const [i, fault] of faults.entries()) {
      const calmLagMs = calm.ms;
      const { repairedAt, affected } = await inject(platform, fault);
      const held = load.heldNow();
      const readyMs = Math.max(0, ...(await Promise.all(affected.map((s) => s.waitReady(120_000).then(() => Date.now() - repairedAt)))));
      // Past the gateway's command timeout (10 s), every held request has an answer.
      const readyAt = Date.now();
      await held(15_000);
      const heldMs = Date.now() - readyAt;
      const caught = await catchUp(log);
      recoveries.push({
        fault: describeFault(fault),
        readyMs,
        // What a slow restart waited for (the readiness probes' answers until ready), to tell the platform's cause from the machine's.
        ...(readyMs > READY_TARGET_MS / 2 && {
          notReady: Object.fromEntries(affected.filter((s) => s.notReady.length > 0).map((s) => [s.name, s.notReady])),
        }),
        heldMs,
        backlog: caught.backlog,
        caughtUpMs: caught.ms,
        relayedMs: caught.relayedMs,
        caughtUpTargetMs: caughtUpTarget(caught.backlog, rate.perSecond, calmLagMs),
        calmLagMs,
      });
      // The rest spread over what is left of the load (at least a second of calm between two faults),
      // the calm lag sampled meanwhile.
      await calm.sample(Math.max(1000, (loadEnds - Date.now()) / (faults.length - i) - FAULT_SLOT_MS));
    }
    await loadDone.finally(() => clearInterval(progress));
    await catchUp(log);

    const deadLetters: string[] = [];
    const invariants = await checkInvariants(platform, load, log, deadLetters);
    const answers: Record<string, number> = {};
    for (const a of load.answers) answers[a.status] = (answers[a.status] ?? 0) + 1;
    const summary: RunSummary = {
      mode: soak ? 'soak' : process.env.FAULTS_APPLICATIONS || FAULT_COUNT !== undefined ? 'custom' : 'bounded',
      applications: APPLICATIONS,
      faults: faults.length,
      services: platform.run.mode,
      seconds: Math.round((Date.now() - started) / 1000),
      relayRate: rate,
      calmCatchUpMs: firstCalmMs,
      calmSamples: calm.samples,
      recoveries,
      invariants,
      deadLetters,
      answers,
      targetMisses: targetMisses(recoveries),
    };
    const file = writeResults(repoRoot, summary);
    process.stdout.write(
      `\nfaults (${summary.mode}): ${APPLICATIONS} applications, ${faults.length} faults, ${summary.seconds} s, services ${platform.run.mode} (${platform.run.reason}); ` +
        `relay drains ${Math.round(rate.perSecond)} events/s (backlog ${rate.backlog}); calm lag (the slowest of the last 10 catch-ups with events behind, no fault on; ${calm.samples} sampled in all) ${firstCalmMs} ms at the start, ${recoveries.length ? `${Math.min(...recoveries.map((r) => r.calmLagMs))}-${Math.max(...recoveries.map((r) => r.calmLagMs))}` : '-'} ms before the faults\n` +
        `${recoveryTable(recoveries)}\n` +
        `answers by status: ${JSON.stringify(answers)}\n` +
        invariants.map((i) => `${i.violations.length === 0 ? 'ok  ' : 'FAIL'} ${i.name} (${i.checked})\n`).join('') +
        `recovery targets: ${summary.targetMisses.length === 0 ? 'all met' : `${summary.targetMisses.length} missed:\n  ${summary.targetMisses.join('\n  ')}`}\n` +
        `results: ${path.relative(repoRoot, file)}; service logs: ${path.relative(repoRoot, platform.logDir)}\n`,
    );

    const failed = invariants.filter((i) => i.violations.length > 0);
    if (failed.length > 0) throw new Error(failed.map((i) => `${i.name}:\n  ${i.violations.join('\n  ')}`).join('\n'));
    // The soak insists on the recovery targets (FAULTS_STRICT_TARGETS=0 to only report them); the
    // bounded run on shared CI machines reports them (FAULTS_STRICT_TARGETS=1 to insist).
    if ((process.env.FAULTS_STRICT_TARGETS ?? (soak ? '1' : '0')) === '1' && summary.targetMisses.length > 0)
      throw new Error(`recovery targets missed:\n  ${summary.targetMisses.join('\n  ')}`);
  });
});
