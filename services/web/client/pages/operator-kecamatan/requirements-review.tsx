import { useState } from 'preact/hooks';
import { layout } from './feedback';
import type { ApplicationData, RequirementView } from './operator-api';
import type { ScanRef } from './scan-viewer';

const DECISION: Record<RequirementView['decision'], string> = { pending: 'Belum diperiksa', accepted: 'Sesuai', rejected: 'Tidak sesuai' };

interface Props {
  requirements: RequirementView[];
  scans: ApplicationData['scans'];
  editable: boolean;
  busy: boolean;
  onShow: (scan: ScanRef) => void;
  onAccept: (id: string) => void;
  onReject: (id: string, reason: string) => void;
}

/** The requirement checklist: each applicable requirement accepted, or rejected with a reason the applicant reads. */
export function RequirementsReview({ requirements, scans, editable, busy, onShow, onAccept, onReject }: Props) {
  const applicable = requirements.filter((r) => r.applicable);
  return (
    <section aria-labelledby="judul-persyaratan">
      <h2 id="judul-persyaratan">Persyaratan</h2>
      <ul style={{ listStyle: 'none', padding: 0 }}>
        {applicable.map((r) => (
          <RequirementRow
            key={r.id}
            r={r}
            scans={scans.filter((s) => s.requirementId === r.id)}
            {...{ editable, busy, onShow, onAccept, onReject }}
          />
        ))}
      </ul>
    </section>
  );
}

function RequirementRow(props: Omit<Props, 'requirements'> & { r: RequirementView }) {
  const { r, scans, editable, busy } = props;
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = `alasan-${r.id}`;
  return (
    <li style={{ borderBottom: '1px solid #d0d4da', padding: '0.5rem 0' }} data-persyaratan={r.id}>
      <div style={layout.row}>
        <strong style={{ flex: '1 1 14rem' }} data-verbatim>
          {r.label}
        </strong>
        <span class={r.decision === 'rejected' ? 'salah' : undefined} data-keputusan={r.decision}>
          {DECISION[r.decision]}
        </span>
      </div>
      {r.condition && <p class="catatan">{r.condition}</p>}
      {r.reason && <p class="salah">Alasan: {r.reason}</p>}
      {r.kind === 'document' && !r.presented && <p class="catatan">Pindaian belum ada.</p>}
      <div style={layout.row}>
        {scans.map((s, i) => (
          <button
            key={s.documentId}
            type="button"
            class="tombol"
            style={{ background: '#fff', color: '#0b4f8a' }}
            onClick={() => props.onShow({ documentId: s.documentId, mediaType: s.mediaType, href: s.href, label: r.label })}
            aria-label={`Lihat pindaian ${r.label}${scans.length > 1 ? ` ${i + 1}` : ''}`}
          >
            Lihat pindaian{scans.length > 1 ? ` ${i + 1}` : ''}
          </button>
        ))}
        {editable && (
          <>
            <button type="button" class="tombol" disabled={busy} onClick={() => props.onAccept(r.id)} aria-label={`Sesuai: ${r.label}`}>
              Sesuai
            </button>
            <button
              type="button"
              class="tombol"
              style={{ background: '#a4000f', borderColor: '#a4000f' }}
              disabled={busy}
              onClick={() => setRejecting(!rejecting)}
              aria-expanded={rejecting}
              aria-label={`Tidak sesuai: ${r.label}`}
            >
              Tidak sesuai
            </button>
          </>
        )}
      </div>
      {editable && rejecting && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            props.onReject(r.id, reason.trim());
          }}
        >
          <label for={reasonId}>Alasan «{r.label}» tidak sesuai</label>
          <input id={reasonId} value={reason} onInput={(e) => setReason(e.currentTarget.value)} required minLength={3} />
          <button type="submit" class="tombol" disabled={busy || reason.trim().length < 3}>
            Simpan penolakan
          </button>
        </form>
      )}
    </li>
  );
}
