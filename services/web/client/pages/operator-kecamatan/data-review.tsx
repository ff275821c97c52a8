import { useState } from 'preact/hooks';
import { layout } from './feedback';
import { reviewGroups, valueAt } from './kk-fields';
import type { ApplicationData } from './operator-api';
import { useWilayah, type RegionName } from '../../ui/wilayah';

interface Props {
  data: ApplicationData;
  editable: boolean;
  busy: boolean;
  onVerify: () => void;
  onReject: (issues: { field: string; reason: string }[]) => void;
}

/** An element id for a field path ("family.anggota[0].nik" -> "kolom-family-anggota-0-nik"). */
const idOf = (path: string) => `kolom-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** A region code as the KK reads it: its name, with the code the operator checks against the documents. */
const REGION_FIELDS = new Set(['family.alamat.desa', 'family.alamat.kecamatan']);
function shown(path: string, value: string, region: RegionName): string {
  const name = REGION_FIELDS.has(path) ? region(value) : value;
  return name === value ? value : `${name} (${value})`;
}

const DECISION = { pending: 'Belum diperiksa', accepted: 'Data sesuai', rejected: 'Data tidak sesuai' } as const;

/**
 * The submitted data, every field with its value; the operator marks the ones that do not match the
 * documents, each with a reason ("data/reject"), or declares the whole data conforming ("data/verify").
 */
export function DataReview({ data, editable, busy, onVerify, onReject }: Props) {
  const [flags, setFlags] = useState<Record<string, string>>({});
  const region = useWilayah();
  const flagged = Object.entries(flags);
  const ready = flagged.every(([, reason]) => reason.trim().length >= 3);
  const flaggedBefore = new Map(data.dataVerification.issues.map((i) => [i.field, i.reason]));
  const toggle = (path: string, on: boolean) =>
    setFlags((f) => {
      const next = { ...f };
      if (on) next[path] = '';
      else delete next[path];
      return next;
    });

  return (
    <section aria-labelledby="judul-data">
      <h2 id="judul-data">Data permohonan</h2>
      <p>
        Keadaan: <strong>{DECISION[data.dataVerification.decision]}</strong>
        {data.newbornNik && <> · NIK bayi: {data.newbornNik}</>}
      </p>
      <span id="teks-alasan" hidden>
        Alasan
      </span>
      {reviewGroups(data.family.anggota.length).map((g, gi) => (
        <table key={g.title} style={layout.table}>
          <caption id={`grup-${gi}`} style={{ textAlign: 'left', fontWeight: 700, paddingTop: '0.75rem' }}>
            {g.title}
          </caption>
          <tbody>
            {g.fields.map((f) => (
              <tr key={f.path}>
                <th id={idOf(f.path)} scope="row" style={{ ...layout.tight, width: '35%', fontWeight: 600 }}>
                  {f.verbatim ? <span data-verbatim>{f.label}</span> : f.label}
                </th>
                <td style={layout.tight} data-verbatim>
                  {shown(f.path, valueAt(data, f.at), region)}
                  {flaggedBefore.has(f.path) && <div class="salah">Ditandai: {flaggedBefore.get(f.path)}</div>}
                </td>
                {editable && (
                  <td style={{ ...layout.tight, width: '11rem' }}>
                    <label style={{ margin: 0, fontWeight: 400, whiteSpace: 'nowrap' }}>
                      <input
                        type="checkbox"
                        style={{ width: 'auto', minHeight: 0 }}
                        checked={f.path in flags}
                        aria-labelledby={`${idOf(f.path)}-tanda grup-${gi} ${idOf(f.path)}`}
                        onChange={(e) => toggle(f.path, e.currentTarget.checked)}
                      />{' '}
                      <span id={`${idOf(f.path)}-tanda`}>Tidak sesuai</span>
                    </label>
                    {f.path in flags && (
                      <input
                        aria-labelledby={`teks-alasan grup-${gi} ${idOf(f.path)}`}
                        value={flags[f.path]}
                        onInput={(e) => setFlags({ ...flags, [f.path]: e.currentTarget.value })}
                      />
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      {editable && (
        <div style={{ ...layout.row, marginTop: '0.75rem' }}>
          <button type="button" class="tombol" disabled={busy || flagged.length > 0} onClick={onVerify}>
            Data sesuai
          </button>
          <button
            type="button"
            class="tombol"
            disabled={busy || flagged.length === 0 || !ready}
            onClick={() => onReject(flagged.map(([field, reason]) => ({ field, reason: reason.trim() })))}
          >
            Simpan data tidak sesuai ({flagged.length})
          </button>
        </div>
      )}
    </section>
  );
}
