/**
 * The IKM (Indeks Kepuasan Masyarakat) of PermenPANRB 14/2017: nine elements (unsur), each scored
 * 1-4 by a respondent. The element's average (NRR, nilai rata-rata) over the respondents, each
 * weighted exactly 1/9, summed, is the "nilai interval" on 1-4; times 25 it is the IKM on 25-100,
 * graded A-D by the regulation's conversion table.
 */
export const IKM_ELEMENTS = [
  {
    id: 'persyaratan',
    label: 'Persyaratan',
    question: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
    answers: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
  },
  {
    id: 'prosedur',
    label: 'Sistem, mekanisme dan prosedur',
    question: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
    answers: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
  },
  {
    id: 'waktu',
    label: 'Waktu penyelesaian',
    question: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
    answers: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
  },
  {
    id: 'biaya',
    label: 'Biaya/tarif',
    question: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
    answers: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
  },
  {
    id: 'produk',
    label: 'Produk spesifikasi jenis pelayanan',
    question:
      'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
    answers: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
  },
  {
    id: 'kompetensi',
    label: 'Kompetensi pelaksana',
    question: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
    answers: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
  },
  {
    id: 'perilaku',
    label: 'Perilaku pelaksana',
    question: 'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
    answers: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
  },
  {
    id: 'pengaduan',
    label: 'Penanganan pengaduan, saran dan masukan',
    question: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
    answers: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
  },
  {
    id: 'sarana',
    label: 'Sarana dan prasarana',
    question: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
    answers: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'],
  },
] as const;

export type IkmElementId = (typeof IKM_ELEMENTS)[number]['id'];
export const IKM_ELEMENT_IDS: readonly IkmElementId[] = IKM_ELEMENTS.map((e) => e.id);
/** One respondent's answers: every element scored 1 (worst) to 4 (best). */
export type IkmScores = Record<IkmElementId, 1 | 2 | 3 | 4>;

export type IkmGrade = 'A' | 'B' | 'C' | 'D';
/** The regulation's quality label (kinerja unit pelayanan) per grade. */
export const IKM_GRADE_LABELS: Record<IkmGrade, string> = { A: 'Sangat Baik', B: 'Baik', C: 'Kurang Baik', D: 'Tidak Baik' };

/**
 * The grade of a converted IKM (25-100), on the value rounded to two decimals as it is published:
 * A 88.31-100, B 76.61-88.30, C 65.00-76.60, D 25.00-64.99.
 */
export function ikmGrade(ikm: number): IkmGrade {
  const v = Math.round(ikm * 100) / 100;
  if (v >= 88.31) return 'A';
  if (v >= 76.61) return 'B';
  if (v >= 65) return 'C';
  return 'D';
}

/** Running totals: how many respondents, and the sum of each element's scores. Adding is all a response does. */
export interface IkmTotals {
  respondents: number;
  sums: Record<IkmElementId, number>;
}

export interface IkmResult {
  respondents: number;
  /** NRR per element: its sum over the respondents. */
  elementAverages: Record<IkmElementId, number>;
  /** Σ NRR × 1/9, on 1-4 (nilai interval). */
  intervalValue: number;
  /** intervalValue × 25, on 25-100 (nilai interval konversi). */
  ikm: number;
  grade: IkmGrade;
}

export const emptyIkmTotals = (): IkmTotals => ({
  respondents: 0,
  sums: Object.fromEntries(IKM_ELEMENT_IDS.map((id) => [id, 0])) as Record<IkmElementId, number>,
});

export function addResponse(totals: IkmTotals, scores: IkmScores): IkmTotals {
  const sums = { ...totals.sums };
  for (const id of IKM_ELEMENT_IDS) sums[id] += scores[id];
  return { respondents: totals.respondents + 1, sums };
}

/** The IKM of some totals; undefined without respondents (no figure rather than a made-up one). */
export function ikmOf(totals: IkmTotals): IkmResult | undefined {
  if (totals.respondents <= 0) return undefined;
  const elementAverages = Object.fromEntries(IKM_ELEMENT_IDS.map((id) => [id, totals.sums[id] / totals.respondents])) as Record<
    IkmElementId,
    number
  >;
  // Each element weighs exactly 1/9 (the regulation's "bobot nilai rata-rata tertimbang"): summing
  // first and dividing once is the same figure without nine rounding errors of 0.111...
  const intervalValue = IKM_ELEMENT_IDS.reduce((sum, id) => sum + elementAverages[id], 0) / IKM_ELEMENT_IDS.length;
  const ikm = intervalValue * 25;
  return { respondents: totals.respondents, elementAverages, intervalValue, ikm, grade: ikmGrade(ikm) };
}

/** The survey's reporting periods of a moment, in WIB: month "2026-03", quarter "2026-Q1", year "2026". */
export type SurveyPeriodKind = 'month' | 'quarter' | 'year';
export const SURVEY_PERIOD_KINDS: readonly SurveyPeriodKind[] = ['month', 'quarter', 'year'];

const WIB_OFFSET_MS = 7 * 3_600_000;

export function surveyPeriodsOf(at: Date): Record<SurveyPeriodKind, string> {
  const wib = new Date(at.getTime() + WIB_OFFSET_MS);
  const year = wib.getUTCFullYear();
  const month = wib.getUTCMonth() + 1;
  return {
    month: `${year}-${String(month).padStart(2, '0')}`,
    quarter: `${year}-Q${Math.ceil(month / 3)}`,
    year: String(year),
  };
}

/** Accepts "2026-03", "2026-Q1" or "2026" for its kind. */
export function isSurveyPeriod(kind: SurveyPeriodKind, value: string): boolean {
  if (kind === 'month') return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
  if (kind === 'quarter') return /^\d{4}-Q[1-4]$/.test(value);
  return /^\d{4}$/.test(value);
}
