import type { PageProps } from '../../routes';
import { SubmissionWizard } from '../../ui/forms/submission/submission-wizard';

/** A village officer submits for a family of their own desa (channel daring-desa); the desa is theirs. */
export default function DesaNewApplication({ session }: PageProps) {
  const desa = session?.user.desa;
  return (
    <>
      <section class="kartu">
        <h1>Ajukan KK untuk keluarga di desa Anda</h1>
        <p>Permohonan dikirim atas nama keluarga pemohon; pemohon menerima kabar dan tautan cetak mandiri di emailnya.</p>
      </section>
      <SubmissionWizard
        channel="daring-desa"
        initial={desa ? { 'family.alamat.desa': desa } : {}}
        afterSubmit={(id) => `/permohonan/${id}?baru=1`}
      />
    </>
  );
}
