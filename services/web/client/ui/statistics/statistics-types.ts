/** services/gateway/src/statistics (GET /api/public/statistik, GET /api/statistik). */
export interface Figures {
  received: number;
  completed: number;
  completedWithinSla: number;
  slaCompliance: number | null;
  averageWorkingDays: number | null;
  workingDays: Record<'0' | '1' | '2' | '3' | '4-5' | '6-10' | '>10', number>;
  closedWithoutKk: number;
}
export interface SeriesPoint {
  period: string;
  received: number;
  completed: number;
  completedWithinSla: number;
}
export interface PublicStatistics {
  asOf: string;
  today: Figures;
  month: Figures;
  year: Figures;
  byKecamatan: (Figures & { kecamatan: string; name: string })[];
  byChannel: (Figures & { channel: string })[];
  perMonth: SeriesPoint[];
  ikmPerMonth: { period: string; respondents: number; ikm: number; grade: string }[];
}
export interface StaffStatistics extends PublicStatistics {
  scope: { kecamatan: string | null };
  perDay: SeriesPoint[];
  /** Regency-wide roles only (null for an operator). */
  openComplaintsByAge: { bucket: string; label: string; count: number }[] | null;
}

export const CHANNEL_NAMES: Record<string, string> = {
  'tatap-muka': 'Loket kecamatan',
  'daring-mandiri': 'Daring mandiri',
  'daring-desa': 'Daring melalui desa',
};

export const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
