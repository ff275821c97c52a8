import { useState } from 'preact/hooks';
import type { PageProps } from '../../routes';
import { DataReview } from './data-review';
import { Feedback, layout } from './feedback';
import {
  CHANNEL_LABELS,
  useCommands,
  useLoad,
  wib,
  type ApplicationData,
  type ApplicationDetail,
  type RequirementView,
} from './operator-api';
import { ReceiptSlip } from './receipt-slip';
import { RequirementsReview } from './requirements-review';
import { ScanViewer, type ScanRef } from './scan-viewer';

/**
 * Verifying one application: the submitted data beside its scans; each requirement and each data
 * field judged; then a correction requested (online), the file returned (counter) or the verification
 * completed (the counter's tanda terima printed).
 */
export default function OperatorApplication({ params }: PageProps) {
  const base = `/api/applications/${params.id}`;
  const detail = useLoad<ApplicationDetail>(base);
  const data = useLoad<ApplicationData>(`${base}/data`);
  const [scan, setScan] = useState<ScanRef | null>(null);
  const [returnReason, setReturnReason] = useState('');
  // What this screen decided, shown at once: the views catch up with the events a moment later.
  const [decided, setDecided] = useState<Record<string, Pick<RequirementView, 'decision' | 'reason'>>>({});
  const [dataDecision, setDataDecision] = useState<ApplicationData['dataVerification'] | null>(null);
  const [receiptNumber, setReceiptNumber] = useState<string | undefined>();
  const { send, busy, problem, done } = useCommands((r) => {
    if (r.receiptNumber) setReceiptNumber(r.receiptNumber);
    detail.reload();
    setTimeout(detail.reload, 1_000);
  });

  if (detail.problem || data.problem) return <Feedback problem={detail.problem ?? data.problem} />;
  if (!detail.data || !data.data) return <p class="memuat">Memuat permohonan…</p>;
  const d = { ...detail.data, receiptNumber: detail.data.receiptNumber ?? receiptNumber ?? null };
  const requirements = d.requirements.map((r) => (decided[r.id] ? { ...r, ...decided[r.id] } : r));
  const submitted = dataDecision ? { ...data.data, dataVerification: dataDecision } : data.data;
  const editable = d.bucket === 'to-verify';
  const counter = d.channel === 'tatap-muka';
  const decide = async (req: string, decision: RequirementView['decision'], reason?: string) => {
    const path = `${base}/requirements/${req}/${decision === 'accepted' ? 'accept' : 'reject'}`;
    const label = decision === 'accepted' ? 'Persyaratan dinyatakan sesuai.' : 'Persyaratan dinyatakan tidak sesuai.';
    if (await send(label, path, reason ? { reason } : {})) setDecided((m) => ({ ...m, [req]: { decision, reason } }));
  };
  const judgeData = async (issues: { field: string; reason: string }[]) => {
    const ok = issues.length
      ? await send('Data yang tidak sesuai disimpan.', `${base}/data/reject`, { issues })
      : await send('Data dinyatakan sesuai.', `${base}/data/verify`);
    if (ok) setDataDecision({ decision: issues.length ? 'rejected' : 'accepted', issues });
  };

  return (
    <div style={layout.bleed}>
      <section class="kartu" style={layout.wide}>
        <h1>Verifikasi permohonan {d.receiptNumber ?? ''}</h1>
        <dl class="ringkas">
          <div>
            <dt>Keadaan</dt>
            <dd>
              {d.status.label}
              {d.status.detail && <> – {d.status.detail}</>}
            </dd>
          </div>
          <div>
            <dt>Kanal</dt>
            <dd>{CHANNEL_LABELS[d.channel] ?? d.channel}</dd>
          </div>
          <div>
            <dt>Diajukan</dt>
            <dd>{wib(d.submittedAt)}</dd>
          </div>
          <div>
            <dt>Tenggat layanan</dt>
            <dd>
              {wib(d.slaDueAt)}
              {d.slaDueAtProvisional && ' (sementara)'}
              {d.slaBreached && <strong class="salah"> Terlambat</strong>}
            </dd>
          </div>
          {d.correctionDueAt && (
            <div>
              <dt>Batas perbaikan</dt>
              <dd>{wib(d.correctionDueAt)}</dd>
            </div>
          )}
        </dl>
        {d.status.reason && <p class="peringatan">{d.status.reason}</p>}
        <Feedback problem={problem} done={done} />
        {counter && d.receiptNumber && <ReceiptSlip applicationId={d.applicationId} receiptNumber={d.receiptNumber} />}
      </section>
      <div style={{ ...layout.twoColumns, gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 30rem), 1fr))' }}>
        <div class="kartu">
          <RequirementsReview
            requirements={requirements}
            scans={data.data.scans}
            editable={editable}
            busy={busy}
            onShow={setScan}
            onAccept={(req) => void decide(req, 'accepted')}
            onReject={(req, reason) => void decide(req, 'rejected', reason)}
          />
          <DataReview
            data={submitted}
            editable={editable}
            busy={busy}
            onVerify={() => void judgeData([])}
            onReject={(issues) => void judgeData(issues)}
          />
        </div>
        <div class="kartu" style={{ position: 'sticky', top: '0.5rem' }}>
          <h2>Pindaian</h2>
          <ScanViewer scan={scan} />
        </div>
      </div>
      {editable && (
        <section class="kartu" aria-labelledby="judul-keputusan">
          <h2 id="judul-keputusan">Keputusan verifikasi</h2>
          <div style={layout.row}>
            <button
              type="button"
              class="tombol"
              disabled={busy}
              onClick={() => void send('Verifikasi selesai; permohonan diajukan untuk TTE.', `${base}/verification/complete`)}
            >
              Selesai verifikasi
            </button>
            {!counter && (
              <button
                type="button"
                class="tombol"
                disabled={busy}
                onClick={() => void send('Permintaan perbaikan dikirim kepada pemohon.', `${base}/correction-request`)}
              >
                Minta perbaikan
              </button>
            )}
          </div>
          {counter && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const reason = returnReason.trim();
                void send('Berkas dikembalikan kepada pemohon.', `${base}/return`, reason ? { reason } : {});
              }}
            >
              <label for="alasan-kembali">Keterangan pengembalian berkas (boleh kosong)</label>
              <input id="alasan-kembali" value={returnReason} onInput={(e) => setReturnReason(e.currentTarget.value)} />
              <button type="submit" class="tombol" disabled={busy}>
                Kembalikan berkas
              </button>
            </form>
          )}
        </section>
      )}
    </div>
  );
}
