import type { ComponentChildren } from 'preact';

/** One bar or column: its label, value and (optional) the value as read aloud and shown in the table. */
export interface ChartDatum {
  label: string;
  value: number;
  text?: string;
}

const number = new Intl.NumberFormat('id-ID');
const show = (d: ChartDatum) => d.text ?? number.format(d.value);

/**
 * A chart with its text alternative: the SVG is one image named by the caption and a one-line summary
 * for screen readers; the same figures sit in a table behind a toggle (keyboard and reader friendly).
 */
function ChartFigure({
  title,
  summary,
  data,
  valueHeader,
  children,
}: {
  title: string;
  summary: string;
  data: ChartDatum[];
  valueHeader: string;
  children: ComponentChildren;
}) {
  return (
    <figure class="grafik">
      <figcaption>{title}</figcaption>
      <div role="img" aria-label={`${title}. ${summary}`}>
        {children}
      </div>
      <details>
        <summary>Tampilkan data sebagai tabel</summary>
        <table class="tabel">
          <thead>
            <tr>
              <th scope="col">Keterangan</th>
              <th scope="col">{valueHeader}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.label}>
                <th scope="row">{d.label}</th>
                <td>{show(d)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

const highest = (data: ChartDatum[]) => data.reduce((m, d) => (d.value > m.value ? d : m), data[0] ?? { label: '-', value: 0 });

/**
 * Horizontal bars, one per row (kecamatan, channel, IKM element), labels at the left. `scaleMax` fixes
 * the full bar (the IKM's 4) instead of the largest value; `labelWidth` room for long labels.
 */
export function BarChart({
  title,
  data,
  valueHeader = 'Jumlah',
  scaleMax,
  labelWidth = 150,
}: {
  title: string;
  data: ChartDatum[];
  valueHeader?: string;
  scaleMax?: number;
  labelWidth?: number;
}) {
  const max = scaleMax ?? Math.max(1, ...data.map((d) => d.value));
  const row = 22;
  const barWidth = 260;
  const top = highest(data);
  return (
    <ChartFigure title={title} valueHeader={valueHeader} data={data} summary={`Tertinggi: ${top.label}, ${show(top)}.`}>
      <svg viewBox={`0 0 ${labelWidth + barWidth + 60} ${data.length * row + 4}`} width="100%" aria-hidden="true" focusable="false">
        {data.map((d, i) => (
          <g key={d.label} transform={`translate(0 ${i * row + 2})`}>
            <text x={labelWidth - 6} y={row / 2 + 4} text-anchor="end" class="grafik-label">
              {d.label}
            </text>
            <rect x={labelWidth} y={3} width={(d.value / max) * barWidth} height={row - 8} class="grafik-batang" />
            <text x={labelWidth + (d.value / max) * barWidth + 4} y={row / 2 + 4} class="grafik-label">
              {show(d)}
            </text>
          </g>
        ))}
      </svg>
    </ChartFigure>
  );
}

/** Vertical columns over time (days or months); every n-th label shown so they never overlap. */
export function ColumnChart({ title, data, valueHeader = 'Jumlah' }: { title: string; data: ChartDatum[]; valueHeader?: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const width = 420;
  const height = 140;
  const step = width / Math.max(1, data.length);
  const every = Math.ceil(data.length / 12);
  const total = data.reduce((n, d) => n + d.value, 0);
  const top = highest(data);
  return (
    <ChartFigure
      title={title}
      valueHeader={valueHeader}
      data={data}
      summary={`Jumlah ${number.format(total)}; tertinggi ${top.label}, ${show(top)}.`}
    >
      <svg viewBox={`-16 0 ${width + 32} ${height + 30}`} width="100%" aria-hidden="true" focusable="false">
        {data.map((d, i) => {
          const h = (d.value / max) * height;
          return (
            <g key={d.label}>
              <rect x={i * step + step * 0.15} y={height - h} width={step * 0.7} height={h} class="grafik-batang" />
              {i % every === 0 && (
                <text x={i * step + step / 2} y={height + 16} text-anchor="middle" class="grafik-label">
                  {d.label}
                </text>
              )}
            </g>
          );
        })}
        <line x1={0} x2={width} y1={height} y2={height} class="grafik-sumbu" />
      </svg>
    </ChartFigure>
  );
}

/** The share completed within the SLA as a ring; null share (nothing completed) says so. */
export function SlaDonut({ title, completed, within }: { title: string; completed: number; within: number }) {
  const share = completed > 0 ? within / completed : null;
  const r = 40;
  const circumference = 2 * Math.PI * r;
  const percent = share === null ? 'belum ada' : `${(share * 100).toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`;
  const data = [
    { label: 'Selesai tepat waktu', value: within },
    { label: 'Selesai melewati batas waktu', value: completed - within },
  ];
  return (
    <ChartFigure
      title={title}
      valueHeader="Jumlah"
      data={data}
      summary={`${percent} dari ${number.format(completed)} permohonan selesai tepat waktu.`}
    >
      <svg viewBox="0 0 120 120" width="160" height="160" aria-hidden="true" focusable="false">
        <circle cx={60} cy={60} r={r} class="grafik-cincin-latar" />
        {share !== null && (
          <circle
            cx={60}
            cy={60}
            r={r}
            class="grafik-cincin"
            stroke-dasharray={`${share * circumference} ${circumference}`}
            transform="rotate(-90 60 60)"
          />
        )}
        <text x={60} y={65} text-anchor="middle" class="grafik-angka">
          {percent}
        </text>
      </svg>
    </ChartFigure>
  );
}
