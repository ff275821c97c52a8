import { useEffect, useState } from 'preact/hooks';
import { currentSession } from '../../auth/session';
import { ApiProblem } from '../../api';
import { ProblemAlert } from './problem-text';

/**
 * The unsigned KK of one application (GET /api/signing/previews/{id}, never cached), shown from a
 * blob: URL as the page's Content-Security-Policy allows; the URL is released when it closes.
 */
export function KkPreview({ applicationId, label, onClose }: { applicationId: string; label: string; onClose: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let live = true;
    setUrl(null);
    setProblem(null);
    const token = currentSession()?.accessToken;
    fetch(`/api/signing/previews/${applicationId}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, cache: 'no-store' })
      .then(async (res) => {
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
          throw new ApiProblem(res.status, body?.code ?? 'UNKNOWN', body?.message ?? 'Pratinjau KK tidak dapat dimuat.');
        }
        const blob = await res.blob();
        if (!live) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(
        (e: unknown) => live && setProblem(e instanceof ApiProblem ? e : new ApiProblem(0, 'OFFLINE', 'Pratinjau KK tidak dapat dimuat.')),
      );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [applicationId]);

  return (
    <section class="kartu pratinjau" aria-label={`Pratinjau KK ${label}`}>
      <div class="baris-judul">
        <h2>Pratinjau KK {label}</h2>
        <button type="button" class="tombol garis" onClick={onClose}>
          Tutup pratinjau
        </button>
      </div>
      <p class="catatan">KK ini belum ditandatangani. Pembukaan pratinjau dicatat sebagai akses data pribadi.</p>
      <ProblemAlert problem={problem} />
      {!url && !problem && <p class="memuat">Memuat pratinjau…</p>}
      {url && <iframe class="bingkai-pdf" src={url} title={`Pratinjau KK ${label}`} data-pratinjau-siap="ya" />}
    </section>
  );
}
