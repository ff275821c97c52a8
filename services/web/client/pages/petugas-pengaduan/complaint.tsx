import type { ComplaintDetailAnswer } from '@adminduk/api-contracts';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiProblem } from '../../api';
import { currentSession } from '../../auth/session';
import type { PageProps } from '../../routes';
import { asProblem, ProblemAlert } from '../../ui/staff/problem-text';
import { useApi } from '../../ui/use-api';
import { countdown, formatWibDateTimeIso } from '../../ui/wib';
import { useWilayah } from '../../ui/wilayah';
import { COMPLAINT_STATUS, DUE_STAGE, labelIn, OUTCOME_LABEL, STEP_LABEL, type ComplaintCatalog } from './complaint-labels';
import { HandlingActions } from './handling-actions';

/** One complaint: what was reported, the handling so far, and (for the petugas pengaduan) the next step. */
export default function ComplaintPage({ params }: PageProps) {
  const role = currentSession()?.user.role;
  const [version, setVersion] = useState(0);
  const [detail, setDetail] = useState<ComplaintDetailAnswer | null>(null);
  const [problem, setProblem] = useState<ReturnType<typeof asProblem> | null>(null);
  const catalog = useApi<ComplaintCatalog>('/api/complaints/catalog');
  const region = useWilayah();

  useEffect(() => {
    let live = true;
    const load = async (attempt: number): Promise<void> => {
      try {
        const d = await api<ComplaintDetailAnswer>(`/api/complaints/${encodeURIComponent(params.id)}`);
        if (!live) return;
        setDetail(d);
        setProblem(null);
      } catch (e) {
        // A complaint recorded a moment ago may not be in the view yet: ask again for a few seconds.
        if (live && e instanceof ApiProblem && e.status === 404 && attempt < 20) {
          await new Promise((r) => setTimeout(r, 300));
          return load(attempt + 1);
        }
        if (live) setProblem(asProblem(e));
      }
    };
    void load(0);
    return () => void (live = false);
  }, [params.id, version]);

  /** After a step the view follows the stream a moment later: ask again until it shows the new status. */
  const afterStep = async (status: string) => {
    for (let i = 0; i < 20; i++) {
      const d = await api<ComplaintDetailAnswer>(`/api/complaints/${encodeURIComponent(params.id)}`).catch(() => null);
      if (d && d.status === status) return setDetail(d);
      await new Promise((r) => setTimeout(r, 250));
    }
    setVersion((v) => v + 1);
  };

  const c = detail;
  const now = c ? new Date(c.now) : new Date();
  return (
    <>
      <section class="kartu">
        <p>
          <a href={role === 'operator-kecamatan' ? '/operator/pengaduan' : '/petugas-pengaduan'}>Kembali ke daftar pengaduan</a>
        </p>
        <ProblemAlert problem={problem} />
        {!c && !problem && <p class="memuat">Memuat pengaduan…</p>}
        {c && (
          <>
            <h1>{c.summary}</h1>
            <dl class="rincian">
              <dt>Jenis dan kategori</dt>
              <dd>
                {labelIn(catalog.data?.kinds, c.kind)}, {labelIn(catalog.data?.categories, c.category)}
              </dd>
              <dt>Kanal</dt>
              <dd>
                {labelIn(catalog.data?.channels, c.channel)}
                {c.laporTrackingNumber && ` — nomor LAPOR ${c.laporTrackingNumber}`}
                {c.channelReference && ` — rujukan: ${c.channelReference}`}
              </dd>
              <dt>Kecamatan</dt>
              <dd data-verbatim>{region(c.kecamatan)}</dd>
              {(c.receiptNumber || c.applicationId) && (
                <>
                  <dt>Permohonan terkait</dt>
                  <dd>{c.receiptNumber ?? c.applicationId}</dd>
                </>
              )}
              <dt>Diterima</dt>
              <dd>{formatWibDateTimeIso(c.receivedAt)}</dd>
              <dt>Tahap</dt>
              <dd>{COMPLAINT_STATUS[c.status] ?? c.status}</dd>
              {c.nextDueAt && (
                <>
                  <dt>Tenggat {DUE_STAGE[c.nextDueStage ?? '']?.toLowerCase()}</dt>
                  <dd class={new Date(c.nextDueAt) < now ? 'peringatan' : undefined}>
                    {formatWibDateTimeIso(c.nextDueAt)} ({countdown(new Date(c.nextDueAt), now)})
                  </dd>
                </>
              )}
              {'complainant' in c && (
                <>
                  <dt>Pelapor</dt>
                  <dd>
                    {c.complainant
                      ? [c.complainant.name, c.complainant.phone, c.complainant.email].filter(Boolean).join(' · ')
                      : 'Anonim (tanpa identitas)'}
                  </dd>
                </>
              )}
              {c.trackingNumber && c.trackingCode && (
                <>
                  <dt>Untuk pelapor (lacak di /pengaduan/lacak)</dt>
                  <dd>
                    Nomor <span data-verbatim>{c.trackingNumber}</span>, kode rahasia <span data-verbatim>{c.trackingCode}</span>
                  </dd>
                </>
              )}
            </dl>
            <h2>Uraian</h2>
            <p class="uraian">{c.description}</p>
          </>
        )}
      </section>
      {c && (
        <section class="kartu">
          <h2>Langkah penanganan</h2>
          <ol class="langkah">
            {c.steps.map((s, i) => (
              <li key={i}>
                <strong>{STEP_LABEL[s.type] ?? s.type}</strong> — {formatWibDateTimeIso(s.at)}
                {s.outcome && <div>{OUTCOME_LABEL[s.outcome] ?? s.outcome}</div>}
                {s.tier && <div>Tingkat: {labelIn(catalog.data?.tiers, s.tier)}</div>}
                {s.forwardedTo && <div>Diteruskan kepada: {s.forwardedTo}</div>}
                {s.unit && <div>Unit: {s.unit}</div>}
                {s.answer && <div>Jawaban: {s.answer}</div>}
                {s.satisfaction && <div>Kepuasan pelapor: {labelIn(catalog.data?.satisfaction, s.satisfaction)}</div>}
                {s.reason && <div>Alasan: {s.reason}</div>}
                {s.instruction && <div>Instruksi camat: {s.instruction}</div>}
                {s.note && <div>Catatan: {s.note}</div>}
                {s.stage && (
                  <div>
                    Tenggat {DUE_STAGE[s.stage]?.toLowerCase()} {s.dueAt ? formatWibDateTimeIso(s.dueAt) : ''} terlewati
                  </div>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
      {c && role === 'petugas-pengaduan' && catalog.data && (
        <HandlingActions complaint={c} catalog={catalog.data} onDone={afterStep} key={`${c.status}-${c.steps.length}`} />
      )}
    </>
  );
}
