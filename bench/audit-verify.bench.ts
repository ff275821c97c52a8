/**
 * Audit verify benchmark (issue 14): `adminduk audit verify` over 1,000,000 generated ~1 KB events,
 * against the bare SHA-256 chain over the same events in the same run.
 *
 * 1. Generate: N events (100,000 applications of 10 events, interleaved in the global order, as
 *    a busy regency's log is), of hash version 2 (decision 0029), each hashed by the store's own
 *    Node functions (canonicalContent, linkHash) in the generator and bulk-inserted (INSERT ...
 *    SELECT unnest, 5,000 a statement) into a migrated schema; a signed checkpoint every 10,000
 *    events from the generator's frontier. (verify recomputes every hash in PostgreSQL: a
 *    generator whose hashes disagreed with the store's would fail the run.)
 * 2. Baseline: the bare chain, SHA-256 of each event's canonical bytes (built beforehand, untimed)
 *    then the link SHA-256(prev ‖ content): the ceiling of any verifier on this machine now.
 * 3. `adminduk audit verify --json` as a child process (start-up included, as an auditor runs it):
 *    events/s, its peak RSS (bounded memory: it streams the log), and the ratio to the baseline.
 *
 *   node -r @swc-node/register bench/audit-verify.bench.ts     (or: bash infra/bench.sh audit-verify)
 *
 * Env: BENCH_AUDIT_EVENTS (default 1000000). Writes bench/results/audit-verify.json.
 * Targets: >= 100,000 events/s and >= 1/3 of the bare chain's rate.
 */
import { execFile } from 'node:child_process';
import { createHash, createPrivateKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { MerkleFrontier, eventLeaf, postgresCheckpointStore, signCheckpoint } from '@adminduk/audit';
import { GENESIS_HASH, canonicalContent, linkHash } from '@adminduk/event-store';
import { createTestSchema } from '@adminduk/testing';
import { round } from './lib/bench-kit';

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const STREAMS = Math.max(1, Math.floor(EVENTS / 10));
const BATCH = 5000;
/** As a relay with CHECKPOINT_EVERY_EVENTS=10000 would sign them (the default is 1,000). */
const CHECKPOINT_EVERY = 10_000;
const TARGET_RATE = 100_000;
const TARGET_RATIO = 1 / 3;

/** Event i: stream i mod STREAMS, revision i div STREAMS; about 1 KB of canonical JSON. */
function eventOf(i: number) {
  const app = i % STREAMS;
  const revision = Math.floor(i / STREAMS);
  const streamId = `application-${String(app).padStart(8, '0')}-bench`;
  const data = {
    applicationId: `00000000-0000-4000-8000-${String(app).padStart(12, '0')}`,
    service: 'kk-birth',
    channel: revision % 2 ? 'counter' : 'online',
    step: revision,
    kecamatan: '35.15.12',
    desa: '35.15.12.2004',
    reason: 'Perubahan data anggota keluarga setelah kelahiran anak kedua, berkas lengkap dan sesuai.',
    members: Array.from({ length: 4 }, (_, m) => ({
      memberNo: m + 1,
      nikHash: createHash('sha256').update(`${app}:${m}`).digest('hex').slice(0, 40),
      relation: ['kepala-keluarga', 'istri', 'anak', 'anak'][m],
      occupation: 'wiraswasta',
    })),
  };
  const metadata = {
    eventId: `${String(i).padStart(8, '0')}-0000-4000-8000-${String(app).padStart(12, '0')}`,
    occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    schemaVersion: 1,
    correlationId: randomUUID(),
    actor: { userId: `operator-${app % 50}`, role: 'operator-kecamatan', kecamatan: '35.15.12' },
    kecamatan: '35.15.12',
    // Hash version 2, as the PostgreSQL store writes every event since migration 1765350000005.
    hashVersion: 2 as const,
  };
  return { streamId, revision, type: revision === 0 ? 'KkApplicationSubmitted' : 'KkApplicationUpdated', data, metadata };
}

async function generate(db: Client, privateKeyPem: string): Promise<{ seconds: number; averageBytes: number }> {
  const started = Date.now();
  const heads = new Map<string, string>();
  const frontier = MerkleFrontier.empty();
  const privateKey = createPrivateKey(privateKeyPem);
  let bytes = 0;
  for (let from = 0; from < EVENTS; from += BATCH) {
    const cols: string[][] = [[], [], [], [], [], [], [], []];
    for (let i = from; i < Math.min(EVENTS, from + BATCH); i++) {
      const e = eventOf(i);
      const content = canonicalContent(e);
      const prev = heads.get(e.streamId) ?? GENESIS_HASH;
      const hash = linkHash(prev, content.hash);
      heads.set(e.streamId, hash);
      frontier.append(eventLeaf(hash));
      bytes += content.body.length;
      [e.streamId, String(e.revision), e.metadata.eventId, e.type, content.data, content.metadata, prev, hash].forEach((v, k) =>
        cols[k].push(v),
      );
    }
    const { rows } = await db.query<{ t: string; p: string }>(
      `INSERT INTO es_events (stream_id, revision, event_id, type, data, metadata, prev_hash, hash)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[], $8::text[])
       RETURNING transaction_id::text AS t, position::text AS p`,
      cols,
    );
    if (frontier.size % CHECKPOINT_EVERY === 0 || frontier.size === EVENTS) {
      const last = rows.reduce((a, b) => (BigInt(b.p) > BigInt(a.p) ? b : a));
      const signed = signCheckpoint(
        {
          treeSize: frontier.size,
          rootHash: frontier.root().toString('hex'),
          position: `${last.t}/${last.p}`,
          issuedAt: new Date().toISOString(),
        },
        privateKey,
      );
      await postgresCheckpointStore.save(db, { ...signed, frontier: frontier.toJSON() });
    }
    if (from % 100_000 === 0) process.stdout.write(`  generated ${from + BATCH} events\n`);
  }
  return { seconds: (Date.now() - started) / 1000, averageBytes: Math.round(bytes / EVENTS) };
}

/** The bare chain over the same events: bodies built untimed in chunks, only the hashing timed. */
function bareChainRate(): number {
  let hashingNs = 0n;
  const heads = new Map<string, string>();
  const CHUNK = 20_000;
  for (let from = 0; from < EVENTS; from += CHUNK) {
    const chunk: { streamId: string; body: string }[] = [];
    for (let i = from; i < Math.min(EVENTS, from + CHUNK); i++) {
      const e = eventOf(i);
      chunk.push({ streamId: e.streamId, body: canonicalContent(e).body });
    }
    const t0 = process.hrtime.bigint();
    for (const { streamId, body } of chunk) {
      const content = createHash('sha256').update(body).digest('hex');
      heads.set(streamId, linkHash(heads.get(streamId) ?? GENESIS_HASH, content));
    }
    hashingNs += process.hrtime.bigint() - t0;
  }
  return EVENTS / (Number(hashingNs) / 1e9);
}

function runVerify(url: string, keyFile: string): Promise<{ seconds: number; maxRssMb: number; events: number; intact: boolean }> {
  const bin = join(__dirname, '..', 'tools', 'adminduk', 'bin', 'adminduk.js');
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) =>
    execFile(
      '/usr/bin/time',
      ['-f', 'maxrss_kb=%M', process.execPath, bin, 'audit', 'verify', '--json', '--key', keyFile],
      { env: { ...process.env, ADMINDUK_DATABASE_URL: url, ADMINDUK_CLI_FROM_SOURCE: '1' }, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const rss = /maxrss_kb=(\d+)/.exec(stderr);
        try {
          const out = JSON.parse(stdout) as { events: number; intact: boolean };
          resolve({ seconds, maxRssMb: rss ? Math.round(Number(rss[1]) / 1024) : -1, events: out.events, intact: out.intact });
        } catch {
          reject(new Error(`audit verify failed (${error?.code}): ${stderr.slice(-2000)}`));
        }
      },
    ),
  );
}

async function main(): Promise<void> {
  const schema = await createTestSchema('auditbench');
  const db = new Client({ connectionString: schema.url });
  await db.connect();
  try {
    const dir = mkdtempSync(join(tmpdir(), 'audit-bench-'));
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const keyFile = join(dir, 'checkpoint.pub.pem');
    writeFileSync(keyFile, publicKey.export({ format: 'pem', type: 'spki' }).toString());
    console.log(`audit-verify bench: generating ${EVENTS} events`);
    const generated = await generate(db, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    await db.query('VACUUM ANALYZE es_events');
    console.log(`  generated in ${generated.seconds} s (${generated.averageBytes} bytes of canonical JSON an event); bare chain...`);
    const bare = bareChainRate();
    console.log(`  bare SHA-256 chain: ${Math.round(bare)} events/s; adminduk audit verify...`);
    const verify = await runVerify(schema.url, keyFile);
    console.log(`  adminduk audit verify: ${verify.seconds.toFixed(1)} s`);
    if (!verify.intact || verify.events !== EVENTS) throw new Error(`audit verify saw ${verify.events} events, intact=${verify.intact}`);
    const rate = EVENTS / verify.seconds;
    const ratio = rate / bare;
    const result = {
      benchmark: 'audit-verify',
      events: EVENTS,
      streams: STREAMS,
      averageEventBytes: generated.averageBytes,
      checkpoints: Math.ceil(EVENTS / CHECKPOINT_EVERY),
      generateSeconds: generated.seconds,
      bareChainEventsPerSecond: Math.round(bare),
      verify: { seconds: round(verify.seconds, 2), eventsPerSecond: Math.round(rate), maxRssMb: verify.maxRssMb },
      ratio: round(ratio, 3),
      targets: { eventsPerSecond: TARGET_RATE, ratio: round(TARGET_RATIO, 3) },
      pass: { rate: rate >= TARGET_RATE, ratio: ratio >= TARGET_RATIO },
      machine: { cpus: cpus().length, loadavg: loadavg().map((l) => round(l, 2)) },
      at: new Date().toISOString(),
    };
    const out = join(__dirname, 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'audit-verify.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    process.exitCode = result.pass.rate && result.pass.ratio ? 0 : 1;
  } finally {
    await db.end();
    await schema.drop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
