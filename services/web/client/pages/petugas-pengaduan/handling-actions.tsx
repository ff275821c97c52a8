import type { ComplaintDetailAnswer } from '@adminduk/api-contracts';
import { useState } from 'preact/hooks';
import { api, type ApiProblem } from '../../api';
import { newIdempotencyKey } from '../../ui/staff/idempotency';
import { asProblem } from '../../ui/staff/problem-text';
import { OUTCOME_LABEL, type ComplaintCatalog } from './complaint-labels';

interface Props {
  complaint: ComplaintDetailAnswer;
  catalog: ComplaintCatalog;
  onDone: (status: string) => void;
}

/** The next handling steps the complaint's stage allows; the API (the decider) has the last word. */
export function HandlingActions({ complaint, catalog, onDone }: Props) {
  const s = complaint.status;
  return (
    <section class="kartu">
      <h2>Tindak lanjut</h2>
      {s === 'received' && <VerifyForm {...{ complaint, catalog, onDone }} />}
      {s === 'needs-information' && (
        <TextStep
          id={complaint.complaintId}
          step="information"
          field="note"
          label="Informasi tambahan dari pelapor"
          button="Catat informasi"
          onDone={onDone}
        />
      )}
      {(s === 'verified' || s === 'disposed') && (
        <>
          <TextStep
            id={complaint.complaintId}
            step="dispose"
            field="unit"
            label="Unit tujuan disposisi"
            button="Disposisikan"
            onDone={onDone}
            short
          />
          <TextStep
            id={complaint.complaintId}
            step="answer"
            field="answer"
            label="Jawaban kepada pelapor"
            button="Kirim jawaban"
            onDone={onDone}
          />
        </>
      )}
      {(s === 'answered' || s === 'forwarded') && <CloseForm {...{ complaint, catalog, onDone }} />}
      {(s === 'answered' || s === 'forwarded' || s === 'closed') && (
        <TextStep
          id={complaint.complaintId}
          step="reopen"
          field="reason"
          label="Alasan membuka kembali"
          button="Buka kembali"
          onDone={onDone}
          short
        />
      )}
    </section>
  );
}

function useStep(onDone: (status: string) => void) {
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (id: string, step: string, body: unknown) => {
    setBusy(true);
    setProblem(null);
    try {
      onDone(await handlingStep(id, step, body));
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (f: string) => problem?.errors.find((x) => x.field === f)?.message;
  return { problem, busy, run, fieldError };
}

function Problem({ problem }: { problem: ApiProblem | null }) {
  return problem ? (
    <p class="peringatan" role="alert">
      {problem.message}
    </p>
  ) : null;
}

function TextStep(p: {
  id: string;
  step: string;
  field: string;
  label: string;
  button: string;
  onDone: (s: string) => void;
  short?: boolean;
}) {
  const [value, setValue] = useState('');
  const { problem, busy, run, fieldError } = useStep(p.onDone);
  const inputId = `langkah-${p.step}`;
  return (
    <form
      class="langkah-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run(p.id, p.step, { [p.field]: value });
      }}
    >
      <div class="isian">
        <label for={inputId}>{p.label}</label>
        {p.short ? (
          <input
            id={inputId}
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
            aria-invalid={fieldError(p.field) ? true : undefined}
          />
        ) : (
          <textarea
            id={inputId}
            rows={3}
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
            aria-invalid={fieldError(p.field) ? true : undefined}
          />
        )}
        {fieldError(p.field) && <p class="salah">{fieldError(p.field)}</p>}
      </div>
      <Problem problem={problem} />
      <button class="tombol" type="submit" disabled={busy}>
        {p.button}
      </button>
    </form>
  );
}

function VerifyForm({ complaint, catalog, onDone }: Props) {
  const [outcome, setOutcome] = useState('valid');
  const [tier, setTier] = useState('');
  const [forwardedTo, setForwardedTo] = useState('');
  const [note, setNote] = useState('');
  const { problem, busy, run, fieldError } = useStep(onDone);
  const body =
    outcome === 'valid'
      ? { outcome, tier, ...(note ? { note } : {}) }
      : outcome === 'forwarded'
        ? { outcome, forwardedTo, ...(note ? { note } : {}) }
        : { outcome, note };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(complaint.complaintId, 'verify', body);
      }}
    >
      <fieldset>
        <legend>Hasil verifikasi</legend>
        {Object.entries(OUTCOME_LABEL).map(([code, label]) => (
          <label key={code} class="pilihan">
            <input type="radio" name="hasil" value={code} checked={outcome === code} onChange={() => setOutcome(code)} /> {label}
          </label>
        ))}
      </fieldset>
      {outcome === 'valid' && (
        <div class="isian">
          <label for="verif-tingkat">Tingkat penanganan</label>
          <select
            id="verif-tingkat"
            value={tier}
            onChange={(e) => setTier(e.currentTarget.value)}
            aria-invalid={fieldError('tier') ? true : undefined}
          >
            <option value="">— pilih —</option>
            {Object.entries(catalog.tiers ?? {}).map(([code, t]) => (
              <option key={code} value={code}>
                {t.label} ({t.workingDays} hari kerja)
              </option>
            ))}
          </select>
          {fieldError('tier') && <p class="salah">{fieldError('tier')}</p>}
        </div>
      )}
      {outcome === 'forwarded' && (
        <div class="isian">
          <label for="verif-tujuan">Diteruskan kepada (instansi)</label>
          <input id="verif-tujuan" value={forwardedTo} onInput={(e) => setForwardedTo(e.currentTarget.value)} />
          {fieldError('forwardedTo') && <p class="salah">{fieldError('forwardedTo')}</p>}
        </div>
      )}
      <div class="isian">
        <label for="verif-catatan">{outcome === 'needs-information' ? 'Informasi yang diperlukan' : 'Catatan (boleh dikosongkan)'}</label>
        <textarea id="verif-catatan" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        {fieldError('note') && <p class="salah">{fieldError('note')}</p>}
      </div>
      <Problem problem={problem} />
      <button class="tombol" type="submit" disabled={busy}>
        Simpan verifikasi
      </button>
    </form>
  );
}

function CloseForm({ complaint, catalog, onDone }: Props) {
  const [satisfaction, setSatisfaction] = useState('');
  const { problem, busy, run, fieldError } = useStep(onDone);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(complaint.complaintId, 'close', { satisfaction });
      }}
    >
      <div class="isian">
        <label for="tutup-kepuasan">Kepuasan pelapor atas penanganan</label>
        <select id="tutup-kepuasan" value={satisfaction} onChange={(e) => setSatisfaction(e.currentTarget.value)}>
          <option value="">— pilih —</option>
          {Object.entries(catalog.satisfaction ?? {}).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
        {fieldError('satisfaction') && <p class="salah">{fieldError('satisfaction')}</p>}
      </div>
      <Problem problem={problem} />
      <button class="tombol" type="submit" disabled={busy}>
        Tutup pengaduan
      </button>
    </form>
  );
}

/** POSTs one handling step with a fresh Idempotency-Key; returns the complaint's new status. */
async function handlingStep(id: string, step: string, body: unknown): Promise<string> {
  const r = await api<{ status: string }>(`/api/complaints/${encodeURIComponent(id)}/${step}`, {
    method: 'POST',
    json: body,
    headers: { 'idempotency-key': newIdempotencyKey() },
  });
  return r.status;
}
