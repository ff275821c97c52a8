import { useEffect, useState } from 'preact/hooks';
import type { ApiProblem } from '../../api';
import { asProblem, fetchBlobUrl } from './operator-api';
import { Feedback, layout } from './feedback';

export interface ScanRef {
  documentId: string;
  mediaType: string;
  href: string;
  label: string;
}

/**
 * One scan beside the data: fetched with the token (the documents route needs it; the gateway's
 * personal-data log records the view) and shown from a blob URL, a PDF in an <object>, an image in
 * an <img>. The blob is released when another scan is chosen; nothing is cached by the browser.
 */
export function ScanViewer({ scan }: { scan: ScanRef | null }) {
  const [src, setSrc] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  useEffect(() => {
    if (!scan) return;
    let live = true;
    let url: string | null = null;
    setSrc(null);
    setProblem(null);
    const inline = scan.href.includes('?') ? `${scan.href}&preview=1` : `${scan.href}?preview=1`;
    fetchBlobUrl(inline).then(
      (u) => (live ? setSrc((url = u)) : URL.revokeObjectURL(u)),
      (e: unknown) => live && setProblem(asProblem(e)),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [scan?.documentId]);

  if (!scan) return <p class="catatan">Pilih «Lihat pindaian» pada persyaratan untuk menampilkannya di sini.</p>;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption>
        <strong>{scan.label}</strong>
      </figcaption>
      <Feedback problem={problem} />
      {!src && !problem && <p class="memuat">Memuat pindaian…</p>}
      {src &&
        (scan.mediaType === 'application/pdf' ? (
          <object data={src} type="application/pdf" style={layout.viewer} aria-label={`Pindaian ${scan.label}`}>
            <a href={src} download={`${scan.label}.pdf`}>
              Unduh pindaian {scan.label}
            </a>
          </object>
        ) : (
          <img src={src} alt={`Pindaian ${scan.label}`} style={{ maxWidth: '100%', border: '1px solid #6b6b6b' }} />
        ))}
    </figure>
  );
}
