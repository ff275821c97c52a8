import { Notice } from '../../ui/notice';
import { useApi } from '../../ui/use-api';
import type { PublicServiceSummary } from './public-service';

export default function Home() {
  const { data, problem } = useApi<PublicServiceSummary[]>('/api/public/layanan');
  return (
    <>
      <section class="kartu sambutan">
        <h1>Layanan Administrasi Kependudukan</h1>
        <p>Ajukan permohonan dari rumah, lacak perkembangannya, dan cetak dokumen Anda sendiri. Semua layanan tanpa biaya.</p>
      </section>
      <section class="kartu">
        <h2>Standar pelayanan</h2>
        {problem && <p role="alert">{problem.message}</p>}
        <ul class="daftar-tautan">
          {data?.map((s) => (
            <li key={s.serviceId}>
              <a href={`/layanan/${s.serviceId}`}>{s.name}</a>
            </li>
          ))}
        </ul>
      </section>
      <section class="kartu">
        <h2>Sudah mengajukan?</h2>
        <ul class="daftar-tautan">
          <li>
            <a href="/lacak">Lacak permohonan dengan nomor tanda terima</a>
          </li>
          <li>
            <a href="/verifikasi">Periksa keaslian Kartu Keluarga yang ditandatangani elektronik</a>
          </li>
          <li>
            <a href="/statistik">Statistik layanan: permohonan yang diterima dan diselesaikan</a>
          </li>
          <li>
            <a href="/pengaduan">Pengaduan, saran dan apresiasi (boleh tanpa identitas)</a>
          </li>
          <li>
            <a href="/masuk">Masuk untuk mengajukan permohonan atau melihat permohonan Anda</a>
          </li>
        </ul>
      </section>
      {problem?.status === 404 && <Notice title="Layanan belum tersedia" text={problem.message} />}
    </>
  );
}
