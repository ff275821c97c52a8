import { useState } from 'preact/hooks';
import { ApiProblem } from '../../api';
import { shrinkPhoto } from './shrink-photo';
import { uploadScan } from './upload';

export interface ScanRequirement {
  id: string;
  label: string;
}

type UploadState =
  | { kind: 'idle' }
  | { kind: 'sending'; share: number; name: string }
  | { kind: 'done'; name: string }
  | { kind: 'failed'; message: string };

/**
 * One requirement's scan: from the phone's camera or from a file (PDF, JPEG or PNG), sent at once
 * with a progress bar. `onUploaded` tells the page (to refresh what is still missing).
 */
export function ScanUpload({
  applicationId,
  requirement,
  onUploaded,
}: {
  applicationId: string;
  requirement: ScanRequirement;
  onUploaded?: () => void;
}) {
  const [state, setState] = useState<UploadState>({ kind: 'idle' });
  const id = `unggah-${requirement.id}`;

  const send = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = ''; // the same file may be chosen again after a failure
    if (!file) return;
    setState({ kind: 'sending', share: 0, name: file.name });
    shrinkPhoto(file)
      .then((body) => uploadScan(applicationId, requirement.id, body, (share) => setState({ kind: 'sending', share, name: file.name })))
      .then(
        () => {
          setState({ kind: 'done', name: file.name });
          onUploaded?.();
        },
        (e: unknown) => setState({ kind: 'failed', message: e instanceof ApiProblem ? e.message : 'Berkas tidak dapat diunggah.' }),
      );
  };
  const busy = state.kind === 'sending';

  return (
    <fieldset class="unggah" aria-describedby={`${id}-keadaan`}>
      <legend data-verbatim>{requirement.label}</legend>
      {/* The native file inputs stay (keyboard, screen readers, camera); their labels are the buttons people see. */}
      <div class="pilih-berkas">
        <input
          id={`${id}-kamera`}
          type="file"
          accept="image/*"
          capture="environment"
          disabled={busy}
          onChange={(e) => send(e.currentTarget)}
        />
        <label for={`${id}-kamera`} class="tombol kedua-terang">
          Ambil foto dengan kamera
        </label>
        <input id={`${id}-berkas`} type="file" accept="image/*,application/pdf" disabled={busy} onChange={(e) => send(e.currentTarget)} />
        <label for={`${id}-berkas`} class="tombol kedua-terang">
          Pilih berkas (PDF, JPEG, PNG)
        </label>
      </div>
      <div id={`${id}-keadaan`} aria-live="polite">
        {state.kind === 'sending' && (
          <>
            <label for={`${id}-kemajuan`}>Mengunggah {Math.round(state.share * 100)}%</label>
            <progress id={`${id}-kemajuan`} max={100} value={Math.round(state.share * 100)} />
          </>
        )}
        {state.kind === 'done' && <p class="hasil">Terunggah: {state.name}</p>}
        {state.kind === 'failed' && (
          <p class="salah" role="alert">
            {state.message}
          </p>
        )}
      </div>
    </fieldset>
  );
}
