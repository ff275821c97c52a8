import type { ApiProblem } from '../../api';

/** The outcome of the last action, announced to screen readers: the API's Indonesian message and field errors. */
export function Feedback({ problem, done }: { problem?: ApiProblem | null; done?: string | null }) {
  return (
    <div aria-live="polite">
      {problem && (
        <div class="peringatan" role="alert">
          <p>{problem.message}</p>
          {problem.errors.length > 0 && (
            <ul>
              {problem.errors.map((e) => (
                <li key={e.field}>
                  <span data-verbatim>{e.field}</span>: {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {done && !problem && (
        <p class="hasil" role="status">
          {done}
        </p>
      )}
    </div>
  );
}

export const layout = {
  /** Data beside scans on the 1366 px counter screen; stacked on a narrow one. */
  twoColumns: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(22rem, 1fr))', gap: '1rem', alignItems: 'start' },
  row: { display: 'flex', flexWrap: 'wrap', gap: '0.5rem', alignItems: 'center' },
  table: { width: '100%', borderCollapse: 'collapse' },
  cell: { textAlign: 'left', padding: '0.4rem', borderBottom: '1px solid #d0d4da', verticalAlign: 'top' },
  viewer: { width: '100%', height: '70vh', border: '1px solid #6b6b6b', background: '#fff' },
  wide: { maxWidth: 'none' },
  /** The counter's screens use the desktop's width (the shell's column is sized for reading on a phone). */
  bleed: { width: 'min(100vw - 2rem, 84rem)', marginLeft: 'calc(50% - min(50vw - 1rem, 42rem))' },
  /** A compact cell for long field lists. */
  tight: { textAlign: 'left', padding: '0.2rem 0.4rem', borderBottom: '1px solid #d0d4da', verticalAlign: 'top' },
} as const;
