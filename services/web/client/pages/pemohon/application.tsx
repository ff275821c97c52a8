import { useState } from 'preact/hooks';
import type { PageProps } from '../../routes';
import { scansToUpload, type ApplicationDetail, type RequirementView } from '../../ui/forms/application-types';
import { ScanUpload } from '../../ui/forms/scan-upload';
import { useApplication } from '../../ui/forms/use-application';
import { formatWibDateTimeIso, formatWibLongDate } from '../../ui/wib';
import { Notice } from '../../ui/notice';
import { CorrectionPanel } from './correction-panel';
import { WithdrawPanel } from './withdraw-panel';

/** Still in progress before the KK is signed: the applicant (or the village officer) may withdraw, and the expected completion means something. */
const WITHDRAWABLE = ['submitted', 'correction-requested', 'awaiting-signature'];

const DECISION: Record<RequirementView['decision'], string> = {
  pending: 'Menunggu pemeriksaan',
  accepted: 'Diterima',
  rejected: 'Ditolak',
};

/**
 * An application as its applicant sees it: status and the next step, what is still missing (scans to
 * upload), a requested correction with its deadline, the self-print link's whereabouts, withdrawal.
 */
export default function ApplicationPage({ params, url }: PageProps) {
  const { data: a, problem, reload } = useApplication(params.id);
  // Scans sent from this page stay listed with their outcome while the read model catches up.
  const [sentHere, setSentHere] = useState<string[]>([]);
  if (problem) return <Notice title="Permohonan tidak dapat dibuka" text={problem.message} link="/beranda" />;
  if (!a) return <p class="memuat">Memuat permohonan…</p>;
  const open = a.status.code === 'submitted' ? scansToUpload(a).map((r) => r.id) : [];
  const missing = a.requirements.filter((r) => open.includes(r.id) || sentHere.includes(r.id));
  return (
    <>
      <section class="kartu">
        <h1>Permohonan KK</h1>
        {url.searchParams.has('baru') && <p class="hasil">Permohonan terkirim. Unggah pindaian persyaratan di bawah ini.</p>}
        <StatusSummary a={a} />
      </section>
      {missing.length > 0 && (
        <section class="kartu" aria-labelledby="judul-unggah">
          <h2 id="judul-unggah">Unggah persyaratan</h2>
          <p>Foto dengan kamera ponsel atau pilih berkas PDF/JPEG/PNG. Pastikan tulisan terbaca jelas.</p>
          {missing.map((r) => (
            <ScanUpload
              key={r.id}
              applicationId={a.applicationId}
              requirement={r}
              onUploaded={() => {
                setSentHere((ids) => [...ids, r.id]);
                reload();
              }}
            />
          ))}
        </section>
      )}
      {a.status.code === 'correction-requested' && <CorrectionPanel application={a} onSent={reload} />}
      <SelfPrint a={a} />
      <Requirements a={a} />
      {WITHDRAWABLE.includes(a.status.code) && <WithdrawPanel applicationId={a.applicationId} onDone={reload} />}
    </>
  );
}

function StatusSummary({ a }: { a: ApplicationDetail }) {
  return (
    <dl class="ringkas">
      <div>
        <dt>Keadaan</dt>
        <dd>
          <strong class="status-permohonan">{a.status.label}</strong>
          {a.status.detail && <span class="catatan"> ({a.status.detail})</span>}
        </dd>
      </div>
      {a.status.reason && (
        <div>
          <dt>Alasan</dt>
          <dd>{a.status.reason}</dd>
        </div>
      )}
      {a.receiptNumber && (
        <div>
          <dt>Nomor tanda terima</dt>
          <dd>{a.receiptNumber}</dd>
        </div>
      )}
      <div>
        <dt>Diajukan</dt>
        <dd>{formatWibDateTimeIso(a.submittedAt)}</dd>
      </div>
      {a.slaDueAt && WITHDRAWABLE.includes(a.status.code) && (
        <div>
          <dt>Perkiraan selesai</dt>
          <dd>
            {/* Due at the end of the last working day (00.00 WIB of the next day): that day is the one to name. */}
            paling lambat {formatWibLongDate(new Date(Date.parse(a.slaDueAt) - 1))}
            {a.slaDueAtProvisional && <span class="catatan"> (sementara, dihitung ulang bila berkas lengkap)</span>}
          </dd>
        </div>
      )}
    </dl>
  );
}

/** The signed KK is downloaded through the self-print link, which goes only to the applicant's e-mail. */
function SelfPrint({ a }: { a: ApplicationDetail }) {
  if (a.status.code === 'self-printed') return null;
  if (a.status.code !== 'signed') return null;
  return (
    <section class="kartu" aria-labelledby="judul-cetak">
      <h2 id="judul-cetak">Unduh KK</h2>
      <p>
        KK Anda sudah ditandatangani secara elektronik. Tautan cetak mandiri dikirim ke alamat email pemohon: buka tautan itu untuk
        mengunduh KK (PDF) dan mencetaknya sendiri di kertas HVS A4 biasa. KK juga dapat diambil di kantor kecamatan.
      </p>
      <p class="catatan">
        Tautan hanya berlaku untuk permohonan ini dan untuk waktu terbatas. Tidak menerima email? Hubungi kantor kecamatan untuk tautan
        baru.
      </p>
    </section>
  );
}

function Requirements({ a }: { a: ApplicationDetail }) {
  const shown = a.requirements.filter((r) => r.applicable);
  return (
    <section class="kartu" aria-labelledby="judul-persyaratan">
      <h2 id="judul-persyaratan">Persyaratan</h2>
      <ul class="daftar-persyaratan">
        {shown.map((r) => (
          <li key={r.id}>
            <span data-verbatim>{r.label}</span>
            <span class={`keputusan ${r.decision}`}>
              {r.kind === 'document' && !r.presented ? 'Belum diunggah' : DECISION[r.decision]}
              {r.reason && `: ${r.reason}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
