import type { PageProps } from '../../routes';
import { Notice } from '../../ui/notice';
import { useApi } from '../../ui/use-api';
import type { PublicService } from './public-service';

/** The service standard, every word from the catalog (GET /api/public/layanan/{serviceId}). */
export default function ServiceStandard({ params }: PageProps) {
  const { data: s, problem } = useApi<PublicService>(`/api/public/layanan/${encodeURIComponent(params.serviceId)}`);
  if (problem) return <Notice title="Standar pelayanan tidak dapat dimuat" text={problem.message} link="/" />;
  if (!s) return <p class="memuat">Memuat standar pelayanan…</p>;
  return (
    <article class="standar">
      <section class="kartu">
        <h1>{s.name}</h1>
        <dl class="ringkas">
          <div>
            <dt>Produk layanan</dt>
            <dd>{s.product}</dd>
          </div>
          <div>
            <dt>Biaya</dt>
            <dd>
              <strong class="gratis">{s.fee.label}</strong>
            </dd>
          </div>
          <div>
            <dt>Jangka waktu</dt>
            <dd>
              {s.time.label}
              {s.time.condition && <span class="catatan"> ({s.time.condition})</span>}
            </dd>
          </div>
        </dl>
        <p>
          <a class="tombol" href="/masuk?kembali=%2Fberanda">
            Ajukan secara daring
          </a>
        </p>
      </section>
      {s.channels.map((c) => (
        <section class="kartu" key={c.id} aria-labelledby={`jalur-${c.id}`}>
          <h2 id={`jalur-${c.id}`}>{c.label}</h2>
          <h3>Persyaratan</h3>
          <ol data-verbatim>
            {c.requirements.map((r) => (
              <li key={r.id}>{r.label}</li>
            ))}
          </ol>
          <h3>Prosedur</h3>
          <ol data-verbatim>
            {c.procedure.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
        </section>
      ))}
      <section class="kartu">
        <h2>Pengambilan dokumen</h2>
        {s.collection.note && <p>{s.collection.note}</p>}
      </section>
      <section class="kartu">
        <h2>Pengaduan, saran dan masukan</h2>
        <p>
          {s.complaints.office}, {s.complaints.address}
        </p>
        <ul>
          <li>
            Telepon: <a href={`tel:${s.complaints.telepon}`}>{s.complaints.telepon}</a>
          </li>
          <li>
            Surel: <a href={`mailto:${s.complaints.email}`}>{s.complaints.email}</a>
          </li>
          <li>{s.complaints.national}</li>
        </ul>
      </section>
      <section class="kartu">
        <h2>Dasar hukum</h2>
        <ul>
          {s.legalBasis.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
        <p class="catatan">
          Sumber: {s.source}; berlaku sejak {s.effectiveFrom}.
        </p>
      </section>
      <section class="kartu">
        <ul class="daftar-tautan">
          <li>
            <a href="/lacak">Lacak permohonan</a>
          </li>
          <li>
            <a href="/verifikasi">Periksa keaslian KK</a>
          </li>
        </ul>
      </section>
    </article>
  );
}
