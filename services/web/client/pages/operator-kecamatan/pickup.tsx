import type { PageProps } from '../../routes';
import { Feedback } from './feedback';
import { HandoverPanel } from './handover-panel';
import { useCommands, useLoad, wib, type ApplicationData, type ApplicationDetail } from './operator-api';
import { PrintPanel } from './print-panel';

/** After signing: print (and reprint with a reason) the KK, then hand it over to a member of the KK. */
export default function OperatorPickup({ params }: PageProps) {
  const base = `/api/applications/${params.id}`;
  const detail = useLoad<ApplicationDetail>(base);
  const data = useLoad<ApplicationData>(`${base}/data`);
  const commands = useCommands(() => detail.reload());
  const d = detail.data;
  if (detail.problem || data.problem) return <Feedback problem={detail.problem ?? data.problem} />;
  if (!d || !data.data) return <p class="memuat">Memuat permohonan…</p>;
  const collected = d.bucket === 'closed';
  return (
    <>
      <section class="kartu">
        <h1>Cetak dan serah terima KK {d.receiptNumber ?? ''}</h1>
        <p>
          Keadaan: <strong>{d.status.label}</strong>
          {d.status.detail && <> – {d.status.detail}</>}
        </p>
        <p>
          Tenggat layanan: {wib(d.slaDueAt)}
          {d.slaDueAtProvisional && ' (sementara)'}
          {d.slaBreached && <strong class="salah"> Terlambat</strong>}
        </p>
        <p>
          Kepala keluarga: <span data-verbatim>{data.data.family.namaKepalaKeluarga}</span> · Nomor KK: {data.data.family.noKk}
        </p>
        <Feedback problem={commands.problem} done={commands.done} />
      </section>
      {!collected && <PrintPanel applicationId={d.applicationId} commands={commands} />}
      {!collected && <HandoverPanel applicationId={d.applicationId} data={data.data} commands={commands} />}
    </>
  );
}
