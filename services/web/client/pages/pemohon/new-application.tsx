import { SubmissionWizard } from '../../ui/forms/submission/submission-wizard';

/** A citizen applies online for their own family (channel daring-mandiri). */
export default function NewApplication() {
  return (
    <>
      <section class="kartu">
        <h1>Ajukan KK baru karena kelahiran</h1>
        <p>Isi data dalam lima langkah. NIK Anda harus tercantum sebagai pemohon atau anggota keluarga. Layanan ini gratis.</p>
      </section>
      <SubmissionWizard channel="daring-mandiri" afterSubmit={(id) => `/permohonan/${id}?baru=1`} />
    </>
  );
}
