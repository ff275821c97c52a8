import { IKM_ELEMENTS, IKM_GRADE_LABELS, type IkmGrade } from '../../../../../libs/domain/src/survey/ikm';

export interface IkmFigure {
  period: string;
  respondents: number;
  elementAverages: Record<string, number>;
  ikm: number;
  grade: IkmGrade;
}

const fmt = (n: number, digits = 2) => n.toLocaleString('id-ID', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * The nine element averages (NRR, 1-4) as horizontal bars, with the IKM and its grade: inline SVG,
 * no chart library. The same numbers are in the table beside it for screen readers.
 */
export function IkmChart({ figure, title }: { figure: IkmFigure; title: string }) {
  const rowHeight = 30;
  const labelWidth = 330;
  const barWidth = 300;
  const top = 10;
  const height = top + IKM_ELEMENTS.length * rowHeight + 30;
  const x = (v: number) => labelWidth + ((v - 1) / 3) * barWidth;
  return (
    <figure class="grafik-ikm">
      <figcaption>
        {title}: IKM <strong>{fmt(figure.ikm)}</strong>, mutu <strong>{figure.grade}</strong> ({IKM_GRADE_LABELS[figure.grade]}),{' '}
        {figure.respondents} responden
      </figcaption>
      <svg viewBox={`0 0 ${labelWidth + barWidth + 60} ${height}`} role="img" aria-label={`Nilai rata-rata per unsur, ${title}`}>
        {[1, 2, 3, 4].map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={top - 4} y2={height - 24} stroke="#c9c9c9" />
            <text x={x(tick)} y={height - 8} text-anchor="middle" font-size="12">
              {tick}
            </text>
          </g>
        ))}
        {IKM_ELEMENTS.map((element, i) => {
          const value = figure.elementAverages[element.id] ?? 0;
          const y = top + i * rowHeight;
          return (
            <g key={element.id} data-unsur={element.id}>
              <text x={labelWidth - 8} y={y + 18} text-anchor="end" font-size="12">
                {element.label}
              </text>
              <rect x={x(1)} y={y + 5} width={Math.max(0, x(value) - x(1))} height={rowHeight - 10} fill="#1d5f8a" />
              <text x={x(value) + 6} y={y + 18} font-size="12">
                {fmt(value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export const formatIkm = fmt;
