import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { PageProps } from '../../routes';
import { newIdempotencyKey } from '../../ui/staff/idempotency';
import { ProblemAlert } from '../../ui/staff/problem-text';
import { useApi } from '../../ui/use-api';
import { formatWibDateTimeIso } from '../../ui/wib';
import { WILAYAH_PATH } from '../../ui/wilayah';
import { ComplaintForm } from '../petugas-pengaduan/complaint-form';
import type { ComplaintCatalog } from '../petugas-pengaduan/complaint-labels';

interface PublicCatalog extends Pick<ComplaintCatalog, 'kinds' | 'categories' | 'channels'> {
  contacts: {
    office: string;
    letterTo: string;
    telephone: string;
    fax: string;
    email: string;
    whatsapp: string | null;
    instagram: string;
    facebook: string;
    youtube: string;
    lapor: { website: string; sms: string; twitter: string; app: string };
  };
}

/** The citizens' complaint form (logged in or not, anonymous allowed) and every channel the standard names. */
export default function PublicComplaint(_: PageProps) {
  const info = useApi<PublicCatalog>('/api/public/pengaduan');
  const wilayah = useApi<{ kecamatan: { kode: string; nama: string }[] }>(WILAYAH_PATH);
  const [key] = useState(newIdempotencyKey);
  const [sent, setSent] = useState<{ trackingNumber: string; trackingCode: string; verifyBy?: string } | null>(null);
  const c = info.data?.contacts;
  return (
    <>
      <section class="kartu">
        <h1>Pengaduan, saran dan apresiasi</h1>
        <p>
          Layanan ini gratis. Bila Anda diminta membayar, itu pungutan liar: laporkan di sini, boleh tanpa identitas. Pengaduan diverifikasi
          paling lambat 3 hari kerja.
        </p>
        <p>
          Sudah mengirim pengaduan? <a href="/pengaduan/lacak">Lacak pengaduan</a> dengan nomor dan kode rahasianya.
        </p>
        <ProblemAlert problem={info.problem} />
        {sent ? (
          <div role="status">
            <h2>Terima kasih, pengaduan Anda sudah kami terima</h2>
            <p>
              Nomor pengaduan: <strong data-verbatim>{sent.trackingNumber}</strong>
              <br />
              Kode rahasia: <strong data-verbatim>{sent.trackingCode}</strong>
            </p>
            <p>
              Catat atau simpan keduanya: hanya dengan nomor dan kode ini Anda dapat mengikuti perkembangan pengaduan di halaman{' '}
              <a href={`/pengaduan/lacak?nomor=${sent.trackingNumber}`}>Lacak pengaduan</a>. Halaman ini tidak dapat menampilkan kode
              rahasia lagi; bila Anda mengisi alamat e-mail, keduanya juga kami kirim ke e-mail tersebut.
            </p>
            {sent.verifyBy && <p>Diverifikasi paling lambat {formatWibDateTimeIso(sent.verifyBy)}.</p>}
          </div>
        ) : (
          info.data && (
            <ComplaintForm
              catalog={info.data}
              kecamatan={wilayah.data?.kecamatan ?? []}
              staff={false}
              submitLabel="Kirim pengaduan"
              send={async (body) =>
                setSent(await api('/api/public/pengaduan', { method: 'POST', json: body, headers: { 'idempotency-key': key } }))
              }
            />
          )
        )}
      </section>
      {c && (
        <section class="kartu">
          <h2>Saluran pengaduan lain</h2>
          <ul>
            <li>Surat kepada {c.letterTo}</li>
            <li>
              Telepon {c.telephone}, faksimile {c.fax}
            </li>
            <li>Email {c.email}</li>
            {c.whatsapp && <li>WhatsApp {c.whatsapp}</li>}
            <li>
              Instagram {c.instagram}, Facebook {c.facebook}, YouTube {c.youtube}
            </li>
            <li>
              SP4N-LAPOR: situs {c.lapor.website}, SMS {c.lapor.sms}, Twitter/X {c.lapor.twitter}, aplikasi {c.lapor.app}
            </li>
          </ul>
        </section>
      )}
    </>
  );
}
