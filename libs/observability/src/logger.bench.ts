// Logger throughput with and without the scrubber: `node -r @swc-node/register libs/observability/src/logger.bench.ts`
import pino from 'pino';
import { Writable } from 'node:stream';
import { createLogger } from './logger';

const sink = () =>
  new Writable({
    write(_c, _e, done) {
      done();
    },
  });
const payload = {
  applicationId: '018f3c1e-7d2a-7c44-9f0b-5e3f1c2d4a6b',
  kecamatan: '35.15.12',
  pemohon: { nik: '3515124508900003', namaLengkap: 'Siti Aminah', phone: '081234567890' },
  anggota: [{ nik: '3515122212850007', nama: 'Budi' }],
  revision: 4,
};
const N = 200_000;

function run(name: string, log: pino.Logger): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) log.info({ payload, i }, `appended event ${i} for 3515124508900003`);
  const perSec = N / (Number(process.hrtime.bigint() - t0) / 1e9);
  process.stdout.write(`${name.padEnd(22)} ${Math.round(perSec).toLocaleString('en-US')} lines/s\n`);
  return perSec;
}

const raw = pino({ base: null }, sink() as unknown as pino.DestinationStream);
const scrubbed = createLogger({ service: 'bench', destination: sink() as unknown as pino.DestinationStream });
run('warm-up', scrubbed);
const a = run('pino (no scrub)', raw);
const b = run('createLogger (scrub)', scrubbed);
process.stdout.write(`ratio ${(b / a).toFixed(2)}\n`);
