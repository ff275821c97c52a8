import { useState } from 'preact/hooks';
import type { ApiProblem } from '../../api';
import { Feedback, layout } from './feedback';
import { PdfFrame } from './pdf-frame';
import { asProblem, fetchBlobUrl, type useCommands } from './operator-api';
import { REPRINT_REASONS } from '../../ui/reprint-reasons';

const WORKSTATION_KEY = 'adminduk.loket';

interface Props {
  applicationId: string;
  commands: ReturnType<typeof useCommands>;
}

/**
 * The signed KK opened for printing (byte for byte what was signed, fetched with the token), then the
 * print recorded with the counter workstation; a second print needs a reason from the fixed list.
 */
export function PrintPanel({ applicationId, commands }: Props) {
  const [src, setSrc] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [workstation, setWorkstation] = useState(() => localStorage.getItem(WORKSTATION_KEY) ?? '');
  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const base = `/api/printing/applications/${applicationId}`;

  const open = async () => {
    setProblem(null);
    try {
      if (src) URL.revokeObjectURL(src);
      setSrc(await fetchBlobUrl(`${base}/kk.pdf`));
    } catch (e) {
      setProblem(asProblem(e));
    }
  };
  const ws = workstation.trim();
  const remember = () => localStorage.setItem(WORKSTATION_KEY, ws);

  return (
    <section class="kartu" aria-labelledby="judul-cetak">
      <h2 id="judul-cetak">Cetak KK</h2>
      <label for="loket">Nama komputer/loket pencetak</label>
      <input
        id="loket"
        value={workstation}
        onInput={(e) => setWorkstation(e.currentTarget.value)}
        placeholder="LOKET-1"
        autoComplete="off"
      />
      <div style={{ ...layout.row, marginTop: '0.75rem' }}>
        <button type="button" class="tombol" onClick={() => void open()}>
          Buka KK untuk dicetak
        </button>
        <button
          type="button"
          class="tombol"
          disabled={commands.busy || !ws}
          onClick={() => (remember(), void commands.send('Pencetakan KK dicatat.', `${base}/print`, { workstation: ws }))}
        >
          Catat sudah dicetak
        </button>
      </div>
      <Feedback problem={problem} />
      {src && <PdfFrame src={src} title="KK bertanda tangan elektronik" printLabel="Kirim KK ke printer" />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          remember();
          const body = { workstation: ws, reasonCode, ...(note.trim() ? { note: note.trim() } : {}) };
          void commands.send('Cetak ulang KK dicatat.', `${base}/reprint`, body);
        }}
      >
        <h3>Cetak ulang</h3>
        <label for="alasan-cetak-ulang">Alasan cetak ulang</label>
        <select id="alasan-cetak-ulang" value={reasonCode} onChange={(e) => setReasonCode(e.currentTarget.value)} required>
          <option value="">Pilih alasan…</option>
          {REPRINT_REASONS.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </select>
        <label for="catatan-cetak-ulang">Keterangan{reasonCode === 'lainnya' ? '' : ' (bila perlu)'}</label>
        <input id="catatan-cetak-ulang" value={note} onInput={(e) => setNote(e.currentTarget.value)} required={reasonCode === 'lainnya'} />
        <button type="submit" class="tombol" disabled={commands.busy || !ws || !reasonCode}>
          Catat cetak ulang
        </button>
      </form>
    </section>
  );
}
