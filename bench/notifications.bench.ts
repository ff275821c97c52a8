/**
 * Notifications benchmark (issue 11 target, 2 cores): what the notifications service does per mail
 * (plan, render the Indonesian template, claim the send key in PostgreSQL, send over SMTP with the
 * Message-ID derived from the key, record it sent) reaches >= 50% of the rate of bare nodemailer
 * sends of the same message to the same local SMTP server, and >= 200 mails/s. Same run, rounds
 * alternated, medians compared. The SMTP server (npm smtp-server, accepting and discarding) runs as
 * its own process so it does not share the measured event loop.
 *   node -r @swc-node/register bench/notifications.bench.ts      → bench/results/notifications.json
 * BENCH_NOTIFY_MAILS (default 2000) mails per round, BENCH_NOTIFY_CONCURRENCY (default 32) in flight.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { Pool } from 'pg';
import { domainTesting, event } from '@adminduk/domain';
import {
  BALONGBENDO_OFFICE,
  NotificationDispatcher,
  planNotifications,
  renderTemplate,
  SendRecordRepository,
  SmtpMailSender,
  type ApplicationFacts,
  type PlannedSend,
} from '@adminduk/notifications';
import { createTestSchema } from '@adminduk/testing';

const ROOT = join(__dirname, '..');
const MAILS = Number(process.env.BENCH_NOTIFY_MAILS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_NOTIFY_CONCURRENCY ?? 32);
const ROUNDS = 3;
/** As the service's default (SMTP_MAX_CONNECTIONS): both sides get the same pool. */
const SMTP_CONNECTIONS = 4;
const FROM = 'Disdukcapil Kabupaten Sidoarjo <noreply@adminduk.localhost>';

/** A discarding SMTP server in its own process; resolves its port. */
function startSmtpSink(): Promise<{ port: number; child: ChildProcess }> {
  const script = `
    const { SMTPServer } = require('smtp-server');
    const s = new SMTPServer({ authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], logger: false,
      onData(stream, _session, cb) { stream.on('end', () => cb()); stream.resume(); } });
    s.on('error', () => {});
    s.listen(0, '127.0.0.1', () => process.stdout.write(String(s.server.address().port) + '\\n'));`;
  const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve({ port: Number(d.toString().trim()), child }));
    child.once('exit', (code) => reject(new Error(`smtp sink exited (${code})`)));
  });
}

/** Runs `n` jobs with `concurrency` in flight; returns jobs per second. */
async function rate(n: number, concurrency: number, job: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) await job(i);
    }),
  );
  return n / (Number(process.hrtime.bigint() - started) / 1e9);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round1 = (n: number) => Math.round(n * 10) / 10;

/** The receipt mail of one application, as the service plans it from an ApplicationSubmitted. */
function plannedReceipt(applicationId: string): PlannedSend {
  const applicant = domainTesting.applicant();
  const facts: ApplicationFacts = {
    applicant,
    serviceName: 'Penerbitan KK karena penambahan anggota keluarga (kelahiran)',
    slaWorkingDays: 3,
    slaDueAt: '2026-03-05T05:00:00.000Z',
    requirementLabels: {},
    selfPrintAvailable: true,
    office: BALONGBENDO_OFFICE,
  };
  const submitted = event('ApplicationSubmitted', domainTesting.submitCommand('daring-mandiri').data as never);
  return planNotifications({ eventId: randomUUID(), applicationId, event: submitted }, facts)[0];
}

async function main(): Promise<void> {
  const sink = await startSmtpSink();
  const schema = await createTestSchema('bench_notify');
  const pool = new Pool({ connectionString: schema.url, max: 8 });
  const sender = new SmtpMailSender({ host: '127.0.0.1', port: sink.port, from: FROM, maxConnections: SMTP_CONNECTIONS });
  const dispatcher = new NotificationDispatcher({
    records: new SendRecordRepository(pool),
    mail: sender,
    messageIdDomain: 'adminduk.localhost',
  });
  const bare = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, pool: true, maxConnections: SMTP_CONNECTIONS });
  // The same message both ways: the baseline sends a pre-rendered copy, the service renders each.
  const sample = renderTemplate(plannedReceipt(randomUUID()).input);
  const to = domainTesting.applicant().email;
  const baseline = () => bare.sendMail({ from: FROM, to, subject: sample.subject, text: sample.text, html: sample.html });
  const service = async () => {
    const send = plannedReceipt(randomUUID());
    const outcome = await dispatcher.deliver(send);
    if (outcome.status !== 'sent') throw new Error(`unexpected ${outcome.status}`);
  };

  try {
    // Warm-up: connections open, JIT warm, the table's first pages in memory.
    await rate(200, CONCURRENCY, baseline);
    await rate(200, CONCURRENCY, service);
    const bareRates: number[] = [];
    const serviceRates: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      bareRates.push(await rate(MAILS, CONCURRENCY, baseline));
      serviceRates.push(await rate(MAILS, CONCURRENCY, service));
    }
    const bareRate = median(bareRates);
    const serviceRate = median(serviceRates);
    const ratio = Math.round((serviceRate / bareRate) * 100) / 100;
    const results = {
      benchmark: 'notifications',
      mailsPerRound: MAILS,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
      smtpConnections: SMTP_CONNECTIONS,
      bareNodemailer: { mailsPerSecond: round1(bareRate), rounds: bareRates.map(round1) },
      renderSendRecord: { mailsPerSecond: round1(serviceRate), rounds: serviceRates.map(round1) },
      ratio,
      targets: { ratio: 0.5, mailsPerSecond: 200 },
      pass: ratio >= 0.5 && serviceRate >= 200,
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadAverage1m: round1(loadavg()[0]) },
      at: new Date().toISOString(),
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/notifications.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.table([
      { metric: 'bare nodemailer', value: `${results.bareNodemailer.mailsPerSecond} mails/s` },
      { metric: 'render + send + record', value: `${results.renderSendRecord.mailsPerSecond} mails/s`, target: '>= 200' },
      { metric: 'service / bare', value: ratio, target: '>= 0.5' },
      { metric: 'load average (1 min)', value: results.machine.loadAverage1m },
    ]);
    if (!results.pass) process.exitCode = 1;
  } finally {
    bare.close();
    await sender.close();
    await pool.end();
    await schema.drop();
    sink.child.kill('SIGTERM');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
