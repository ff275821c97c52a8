import type { PageProps } from '../../routes';
import { Feedback, layout } from './feedback';
import { CHANNEL_LABELS, useLoad, wib, type QueueBucket, type QueueItem } from './operator-api';
import { useWilayah, type RegionName } from '../../ui/wilayah';

const BUCKETS: { id: QueueBucket; label: string }[] = [
  { id: 'to-verify', label: 'Perlu diverifikasi' },
  { id: 'awaiting-correction', label: 'Menunggu perbaikan' },
  { id: 'to-print', label: 'Siap dicetak' },
  { id: 'ready-for-pickup', label: 'Siap diambil' },
];

/** Where a row leads: verification for files being checked, the print and hand-over screen after signing. */
const screenOf = (item: QueueItem) =>
  item.bucket === 'to-print' || item.bucket === 'ready-for-pickup'
    ? `/operator/cetak/${item.applicationId}`
    : `/operator/permohonan/${item.applicationId}`;

/** The operator's queues: most urgent SLA first (the gateway orders them), breaches and provisional due times marked. */
export default function OperatorQueue({ url }: PageProps) {
  const bucket = (BUCKETS.find((b) => b.id === url.searchParams.get('antrean')) ?? BUCKETS[0]).id;
  const { data, problem, loading } = useLoad<{ items: QueueItem[] }>(`/api/applications?bucket=${bucket}&limit=500`);
  const items = data?.items ?? [];
  const region = useWilayah();
  const breached = items.filter((i) => i.slaBreached).length;
  return (
    <section class="kartu" style={{ ...layout.wide, ...layout.bleed }}>
      <h1>Antrean permohonan</h1>
      <nav aria-label="Pilih antrean" style={layout.row}>
        {BUCKETS.map((b) => (
          <a
            key={b.id}
            class="tombol"
            href={`/operator/antrean?antrean=${b.id}`}
            aria-current={b.id === bucket ? 'page' : undefined}
            style={b.id === bucket ? undefined : { background: '#fff', color: '#0b4f8a' }}
          >
            {b.label}
          </a>
        ))}
        <a href="/operator/loket">Terima berkas di loket</a>
      </nav>
      <Feedback problem={problem} />
      {loading && <p class="memuat">Memuat antrean…</p>}
      {data && (
        <>
          <p role="status">
            {items.length} permohonan{breached > 0 ? `, ${breached} melewati tenggat` : ''}. Tenggat dalam WIB; bertanda «sementara» bila
            kalender libur tahun itu belum ditetapkan.
          </p>
          {items.length > 0 && (
            <table style={layout.table}>
              <caption class="catatan" style={{ textAlign: 'left' }}>
                {BUCKETS.find((b) => b.id === bucket)?.label}
              </caption>
              <thead>
                <tr>
                  {['Permohonan', 'Kanal', 'Desa', 'Diajukan', 'Tenggat layanan', 'Keadaan'].map((h) => (
                    <th key={h} scope="col" style={layout.cell}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <QueueRow key={i.applicationId} item={i} region={region} />
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function QueueRow({ item, region }: { item: QueueItem; region: RegionName }) {
  return (
    <tr style={item.slaBreached ? { background: '#fdecee' } : undefined}>
      <td style={layout.cell}>
        <a href={screenOf(item)}>{item.receiptNumber ?? `Permohonan ${item.applicationId.slice(0, 8)}`}</a>
      </td>
      <td style={layout.cell}>{CHANNEL_LABELS[item.channel] ?? item.channel}</td>
      <td style={layout.cell} data-verbatim title={item.desa ?? undefined}>
        {region(item.desa)}
      </td>
      <td style={layout.cell}>{wib(item.submittedAt)}</td>
      <td style={layout.cell}>
        {wib(item.slaDueAt)}
        {item.slaDueAtProvisional && <span class="catatan"> (sementara)</span>}
        {item.slaBreached && <strong class="salah"> Terlambat</strong>}
        {item.correctionDueAt && <div class="catatan">Batas perbaikan: {wib(item.correctionDueAt)}</div>}
      </td>
      <td style={layout.cell}>
        {item.statusLabel}
        {item.duplicateOf && <div class="salah">Mungkin ganda</div>}
      </td>
    </tr>
  );
}
