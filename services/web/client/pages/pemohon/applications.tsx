import { ApplicationList } from '../../ui/forms/application-list';

/** A citizen's applications: every one where their NIK is the applicant's or a family member's. */
export default function MyApplications() {
  return <ApplicationList title="Permohonan saya" intro="Permohonan KK untuk keluarga Anda, terbaru di atas." newPath="/permohonan/baru" />;
}
