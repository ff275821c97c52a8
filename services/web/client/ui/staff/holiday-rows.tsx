/** One row of a year's list as the admin types it (SKB 3 Menteri: date, kind, name). */
export interface HolidayRow {
  date: string;
  kind: 'libur-nasional' | 'cuti-bersama';
  name: string;
}

export const KIND_LABELS: Record<HolidayRow['kind'], string> = { 'libur-nasional': 'Libur nasional', 'cuti-bersama': 'Cuti bersama' };

const emptyRow = (year: number): HolidayRow => ({ date: `${year}-01-01`, kind: 'libur-nasional', name: '' });

/** The editable rows of the publish / correct form; field errors from the API are shown by row. */
export function HolidayRowsEditor({
  year,
  rows,
  onChange,
  errorOf,
}: {
  year: number;
  rows: HolidayRow[];
  onChange: (rows: HolidayRow[]) => void;
  errorOf: (field: string) => string | undefined;
}) {
  const set = (i: number, patch: Partial<HolidayRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset class="baris-libur">
      <legend>Daftar hari libur dan cuti bersama {year}</legend>
      {rows.map((r, i) => (
        <div class="baris" key={i} role="group" aria-label={`Hari ke-${i + 1}`}>
          <div>
            <label for={`tanggal-${i}`}>Tanggal hari ke-{i + 1}</label>
            <input
              id={`tanggal-${i}`}
              type="date"
              value={r.date}
              min={`${year}-01-01`}
              max={`${year}-12-31`}
              onInput={(e) => set(i, { date: e.currentTarget.value })}
              required
            />
            {errorOf(`days.${i}.date`) && <p class="salah">{errorOf(`days.${i}.date`)}</p>}
          </div>
          <div>
            <label for={`jenis-${i}`}>Jenis hari ke-{i + 1}</label>
            <select id={`jenis-${i}`} value={r.kind} onChange={(e) => set(i, { kind: e.currentTarget.value as HolidayRow['kind'] })}>
              {Object.entries(KIND_LABELS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for={`nama-${i}`}>Nama hari ke-{i + 1}</label>
            <input id={`nama-${i}`} value={r.name} onInput={(e) => set(i, { name: e.currentTarget.value })} required />
            {errorOf(`days.${i}.name`) && <p class="salah">{errorOf(`days.${i}.name`)}</p>}
          </div>
          <button type="button" class="tombol garis" onClick={() => onChange(rows.filter((_, j) => j !== i))} disabled={rows.length === 1}>
            Hapus hari ke-{i + 1}
          </button>
        </div>
      ))}
      <button type="button" class="tombol garis" onClick={() => onChange([...rows, emptyRow(year)])}>
        Tambah hari
      </button>
    </fieldset>
  );
}

export { emptyRow };
