import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { PageProps } from '../../routes';
import { LookupForm } from '../../ui/lookup-form';

/** POST /api/public/survei/dari-lacak (services/complaints): the IKM survey, once the KK reached the applicant. */
interface SurveyOffer {
  survei: 'terbuka' | 'sudah-diisi' | 'kedaluwarsa' | 'belum-ada';
  tautan?: string;
}

/** GET /api/public/lacak (services/gateway/src/tracking): the status and next step only. */
interface TrackingAnswer {
  status: string;
  keterangan?: string;
  langkahBerikutnya: string;
}

export default function Tracking({ url }: PageProps) {
  const [survey, setSurvey] = useState<SurveyOffer | null>(null);

  const lookup = async (v: Record<string, string>) => {
    setSurvey(null);
    const answer = await api<TrackingAnswer>(`/api/public/lacak?${new URLSearchParams(v)}`);
    // The survey is a bonus: the status stands even when its service does not answer.
    api<SurveyOffer>('/api/public/survei/dari-lacak', { method: 'POST', json: v }).then(setSurvey, () => undefined);
    return answer;
  };

  return (
    <section class="kartu">
      <h1>Lacak permohonan</h1>
      <p>Untuk permohonan yang diajukan di kantor kecamatan atau melalui desa. Isi nomor tanda terima dan data pemohon.</p>
      <LookupForm
        fields={[
          { name: 'nomor', label: 'Nomor tanda terima', initial: url.searchParams.get('nomor') ?? '' },
          { name: 'tanggalLahir', label: 'Tanggal lahir pemohon', type: 'date' },
          {
            name: 'nik4',
            label: 'Empat angka terakhir NIK pemohon',
            inputMode: 'numeric',
            maxLength: 4,
          },
        ]}
        lookup={lookup}
      >
        {(answer: TrackingAnswer) => (
          <div class="hasil">
            <h2>{answer.status}</h2>
            {answer.keterangan && <p>{answer.keterangan}</p>}
            <p>
              <strong>Langkah berikutnya:</strong> {answer.langkahBerikutnya}
            </p>
            {survey?.survei === 'terbuka' && survey.tautan && (
              <p>
                Bagaimana pelayanan kami? Penilaian Anda tanpa nama.{' '}
                <a class="tombol" href={survey.tautan} rel="noreferrer">
                  Isi survei kepuasan
                </a>
              </p>
            )}
            {survey?.survei === 'sudah-diisi' && <p>Terima kasih, survei kepuasan untuk permohonan ini sudah diisi.</p>}
          </div>
        )}
      </LookupForm>
    </section>
  );
}
