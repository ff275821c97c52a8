import { ApplicationList } from '../../ui/forms/application-list';

/** A village officer's list: the applications of families of their desa. */
export default function DesaApplications() {
  return (
    <ApplicationList
      title="Permohonan warga desa"
      intro="Permohonan KK keluarga di desa Anda, terbaru di atas."
      newPath="/desa/permohonan/baru"
    />
  );
}
