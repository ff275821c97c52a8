import { ProblemAlert } from '../../ui/staff/problem-text';
import { useApi } from '../../ui/use-api';

interface AgeBucket {
  bucket: string;
  label: string;
  count: number;
}

/** Open complaints by age (GET /api/complaints/by-age) as bars: the backlog at a glance. */
export function AgeChart({ kecamatan }: { kecamatan: string }) {
  const ages = useApi<{ buckets: AgeBucket[] }>(`/api/complaints/by-age${kecamatan ? `?kecamatan=${kecamatan}` : ''}`);
  const buckets = ages.data?.buckets ?? [];
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const rowHeight = 28;
  return (
    <section class="kartu">
      <h2>Pengaduan terbuka menurut umur</h2>
      <ProblemAlert problem={ages.problem} />
      {buckets.length > 0 && (
        <svg
          role="img"
          aria-label={`Pengaduan terbuka menurut umur: ${buckets.map((b) => `${b.label} ${b.count}`).join(', ')}`}
          viewBox={`0 0 320 ${buckets.length * rowHeight}`}
          width="100%"
          style={{ maxWidth: '32rem' }}
        >
          {buckets.map((b, i) => (
            <g key={b.bucket} transform={`translate(0 ${i * rowHeight})`}>
              <text x="0" y="18" font-size="12" fill="currentColor">
                {b.label}
              </text>
              <rect x="120" y="6" height="16" width={(b.count / max) * 160} fill="#1d6b45" />
              <text x={126 + (b.count / max) * 160} y="18" font-size="12" fill="currentColor">
                {b.count}
              </text>
            </g>
          ))}
        </svg>
      )}
    </section>
  );
}
