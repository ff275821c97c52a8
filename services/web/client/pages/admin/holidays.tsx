import { useEffect, useState } from 'preact/hooks';
import { api, ApiProblem } from '../../api';
import type { PageProps } from '../../routes';
import { emptyRow, HolidayRowsEditor, KIND_LABELS, type HolidayRow } from '../../ui/staff/holiday-rows';
import { newIdempotencyKey } from '../../ui/staff/idempotency';
import { ScrollTable } from '../../ui/staff/scroll-table';
import { asProblem, ProblemAlert } from '../../ui/staff/problem-text';
import { useApi } from '../../ui/use-api';
import { formatWibDate } from '../../ui/wib';

/** services/gateway/src/holidays. */
interface Status {
  year: number;
  published: boolean;
  warning: string | null;
}
interface Year {
  year: number;
  published: boolean;
  source: 'published' | 'shipped' | 'fixed-dates';
  decree: { number: string; date: string } | null;
  corrections: number;
  days: { date: string; kind: HolidayRow['kind']; name: string | null }[];
}

const SOURCE_LABELS: Record<Year['source'], string> = {
  published: 'diterbitkan',
  shipped: 'bawaan aplikasi, belum diterbitkan',
  'fixed-dates': 'hanya tanggal tetap, belum diterbitkan',
};
const dateText = (iso: string) => formatWibDate(new Date(`${iso}T00:00:00+07:00`));

/** The admin's holiday calendar: the warning, a year's list, publishing a year and correcting it. */
export default function Holidays(_: PageProps) {
  const [version, setVersion] = useState(0);
  // Read again after a publish: the warning goes once the year is published.
  const status = useApi<Status>(`/api/holidays/status${version ? `?v=${version}` : ''}`);
  const [year, setYear] = useState<number | null>(null);
  const [list, setList] = useState<Year | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const [rows, setRows] = useState<HolidayRow[]>([]);
  const [decree, setDecree] = useState({ number: '', date: '' });
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (status.data && year === null) setYear(status.data.year);
  }, [status.data]);
  useEffect(() => {
    if (year === null) return;
    setList(null);
    setLoadProblem(null);
    api<Year>(`/api/holidays/${year}`).then(
      (y) => {
        setList(y);
        setRows(y.days.length ? y.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? '' })) : [emptyRow(year)]);
        setDecree(y.decree ?? { number: '', date: '' });
      },
      (e: unknown) => setLoadProblem(asProblem(e)),
    );
  }, [year, version]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!list) return;
    // A year only shipped with the app (or only its fixed dates) is published; a published one is corrected.
    const correcting = list.source === 'published';
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      const body = { decree, days: rows.map((r) => ({ ...r, name: r.name.trim() })), ...(correcting ? { reason: reason.trim() } : {}) };
      await api(`/api/holidays/${list.year}`, {
        method: correcting ? 'PUT' : 'POST',
        json: body,
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      });
      setDone(correcting ? `Koreksi daftar hari libur ${list.year} tersimpan.` : `Daftar hari libur ${list.year} diterbitkan.`);
      setReason('');
      setVersion(version + 1);
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (field: string) => problem?.errors.find((x) => x.field === field || x.field === `data.${field}`)?.message;

  return (
    <>
      {status.data?.warning && (
        <section class="kartu peringatan-besar" role="alert">
          <h2>Perhatian: daftar hari libur {status.data.year} belum diterbitkan</h2>
          <p>{status.data.warning}</p>
        </section>
      )}
      <section class="kartu">
        <h1>Kalender hari libur</h1>
        <p>Hari libur nasional dan cuti bersama menurut SKB 3 Menteri; tenggat layanan dihitung dengan hari kerja dari daftar ini.</p>
        <ProblemAlert problem={status.problem} />
        <label for="tahun">Tahun</label>
        <input
          id="tahun"
          type="number"
          min={2000}
          max={2100}
          value={year ?? ''}
          onChange={(e) => {
            const y = Number(e.currentTarget.value);
            if (y >= 2000 && y <= 2100) setYear(y);
          }}
        />
        <ProblemAlert problem={loadProblem} />
        {list && (
          <>
            <h2>
              Daftar {list.year} ({SOURCE_LABELS[list.source]})
            </h2>
            {list.decree && (
              <p>
                SKB nomor {list.decree.number} tanggal {dateText(list.decree.date)}
                {list.corrections > 0 && `; dikoreksi ${list.corrections} kali`}
              </p>
            )}
            <ScrollTable label="Daftar hari libur">
              <thead>
                <tr>
                  <th scope="col">Tanggal</th>
                  <th scope="col">Jenis</th>
                  <th scope="col">Nama</th>
                </tr>
              </thead>
              <tbody>
                {list.days.map((d) => (
                  <tr key={d.date}>
                    <td>{dateText(d.date)}</td>
                    <td>{KIND_LABELS[d.kind] ?? d.kind}</td>
                    <td>{d.name ?? '-'}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          </>
        )}
      </section>
      {list && (
        <section class="kartu">
          <h2>{list.source === 'published' ? `Koreksi daftar ${list.year}` : `Terbitkan daftar ${list.year}`}</h2>
          <form onSubmit={submit} noValidate>
            <label for="nomor-skb">Nomor SKB</label>
            <input id="nomor-skb" value={decree.number} onInput={(e) => setDecree({ ...decree, number: e.currentTarget.value })} required />
            {errorOf('decree.number') && <p class="salah">{errorOf('decree.number')}</p>}
            <label for="tanggal-skb">Tanggal SKB</label>
            <input
              id="tanggal-skb"
              type="date"
              value={decree.date}
              onInput={(e) => setDecree({ ...decree, date: e.currentTarget.value })}
              required
            />
            {errorOf('decree.date') && <p class="salah">{errorOf('decree.date')}</p>}
            <HolidayRowsEditor year={list.year} rows={rows} onChange={setRows} errorOf={errorOf} />
            {list.source === 'published' && (
              <>
                <label for="alasan">Alasan koreksi</label>
                <textarea id="alasan" rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} required />
                {errorOf('reason') && <p class="salah">{errorOf('reason')}</p>}
              </>
            )}
            <button class="tombol" type="submit" disabled={busy}>
              {list.source === 'published' ? 'Simpan koreksi' : `Terbitkan daftar ${list.year}`}
            </button>
          </form>
          <div aria-live="polite">
            <ProblemAlert problem={problem} />
            {done && <p class="hasil">{done}</p>}
          </div>
        </section>
      )}
    </>
  );
}
