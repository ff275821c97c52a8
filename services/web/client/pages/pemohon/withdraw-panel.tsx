import { useRef, useState } from 'preact/hooks';
import { api, ApiProblem } from '../../api';
import { newIdempotencyKey } from '../../ui/forms/idempotency';

/** Withdrawing (before the KK is signed): asked twice, with an optional reason. */
export function WithdrawPanel({ applicationId, onDone }: { applicationId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string>();
  const [sending, setSending] = useState(false);
  const key = useRef(newIdempotencyKey());

  if (!open)
    return (
      <section class="kartu">
        <button type="button" class="tombol kedua-terang" onClick={() => setOpen(true)}>
          Batalkan permohonan
        </button>
      </section>
    );

  const send = async (e: Event) => {
    e.preventDefault();
    setSending(true);
    try {
      await api(`/api/applications/${applicationId}/withdraw`, {
        method: 'POST',
        json: reason.trim() ? { reason: reason.trim() } : {},
        headers: { 'idempotency-key': key.current },
      });
      setOpen(false);
      onDone();
    } catch (err) {
      setMessage(err instanceof ApiProblem ? err.message : 'Permohonan tidak dapat dibatalkan.');
      key.current = newIdempotencyKey();
    } finally {
      setSending(false);
    }
  };

  return (
    <form class="kartu" onSubmit={send} noValidate>
      <h2>Batalkan permohonan?</h2>
      <p>Permohonan yang dibatalkan tidak dapat dilanjutkan; untuk KK baru Anda perlu mengajukan ulang.</p>
      <label for="alasan-batal">
        Alasan pembatalan <span class="catatan">(jika ada)</span>
      </label>
      <textarea id="alasan-batal" value={reason} onInput={(e) => setReason(e.currentTarget.value)} maxLength={500} />
      {message && (
        <p class="peringatan" role="alert">
          {message}
        </p>
      )}
      <div class="tombol-baris">
        <button type="button" class="tombol kedua-terang" onClick={() => setOpen(false)}>
          Tidak jadi
        </button>
        <button type="submit" class="tombol" disabled={sending}>
          {sending ? 'Membatalkan…' : 'Ya, batalkan permohonan'}
        </button>
      </div>
    </form>
  );
}
