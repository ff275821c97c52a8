import { useRef } from 'preact/hooks';
import { layout } from './feedback';

/**
 * A PDF (a blob URL) in a frame with a button that sends it to the printer; the browser's PDF viewer
 * has its own print button too. Printing waits for the operator's click: an automatic print dialog
 * would steal the keyboard from the counter screen.
 */
export function PdfFrame({ src, title, printLabel }: { src: string; title: string; printLabel: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <div>
      <button
        type="button"
        class="tombol"
        style={{ margin: '0.5rem 0' }}
        onClick={() => {
          try {
            frame.current?.contentWindow?.print();
          } catch {
            // The viewer's own print button remains.
          }
        }}
      >
        {printLabel}
      </button>
      <iframe ref={frame} title={title} src={src} style={layout.viewer} />
    </div>
  );
}
