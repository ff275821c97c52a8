import { api } from '../../api';
import { asProblem } from './problem-text';

/** One item's outcome as the penandatangan sees it. */
export interface SignOutcome {
  applicationId: string;
  state: 'signed' | 'failed' | 'not-attempted';
  reason?: string;
}

interface BatchAnswer {
  results: { applicationId: string; outcome: string; code?: string; reason?: string }[];
}

/** Signer errors that would fail every remaining item the same way (as the signing service stops a batch). */
const STOPS_BATCH = new Set(['BAD_PASSPHRASE', 'CREDENTIALS_REQUIRED', 'SIGNER_NOT_AUTHORIZED']);

/**
 * Signs the chosen applications one request per item (POST /api/signing/batches answers when its
 * whole batch is done), so the page can move the progress bar after each KK. A credential failure
 * stops the rest, which are reported as not attempted with the same reason.
 */
export async function signEach(
  applicationIds: string[],
  credentials: { nik: string; passphrase: string },
  onProgress: (done: SignOutcome[]) => void,
): Promise<SignOutcome[]> {
  const done: SignOutcome[] = [];
  let stoppedBy: string | null = null;
  for (const applicationId of applicationIds) {
    if (stoppedBy) {
      done.push({ applicationId, state: 'not-attempted', reason: `Tidak dicoba. ${stoppedBy}` });
      continue;
    }
    try {
      const answer = await api<BatchAnswer>('/api/signing/batches', {
        method: 'POST',
        json: { applicationIds: [applicationId], credentials },
      });
      const r = answer.results[0];
      if (r.outcome === 'signed' || r.outcome === 'already-signed') done.push({ applicationId, state: 'signed' });
      else {
        done.push({ applicationId, state: 'failed', reason: r.reason ?? 'Penandatanganan KK gagal.' });
        if (r.code && STOPS_BATCH.has(r.code)) stoppedBy = r.reason ?? 'Penandatanganan dihentikan.';
      }
    } catch (e) {
      const problem = asProblem(e);
      done.push({ applicationId, state: 'failed', reason: problem.message });
      if (problem.status === 400 || problem.status === 401 || problem.status === 403) stoppedBy = problem.message;
    }
    onProgress([...done]);
  }
  return done;
}
