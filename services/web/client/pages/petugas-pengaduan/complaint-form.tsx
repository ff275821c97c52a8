import { useState } from 'preact/hooks';
import type { ApiProblem } from '../../api';
import { asProblem } from '../../ui/staff/problem-text';
import type { ComplaintCatalog } from './complaint-labels';

export type FormValues = Record<string, string>;

interface Props {
  catalog: Pick<ComplaintCatalog, 'kinds' | 'categories' | 'channels'>;
  kecamatan: { kode: string; nama: string }[];
  /** Staff: the channel, its reference, LAPOR's number. The public form's channel is the platform's own. */
  staff: boolean;
  submitLabel: string;
  send: (body: Record<string, unknown>) => Promise<void>;
}

/** The request body from the form: empty optional fields left out; an identity with nothing in it is anonymous. */
function bodyOf(v: FormValues, staff: boolean): Record<string, unknown> {
  const opt = (k: string) => (v[k]?.trim() ? v[k].trim() : undefined);
  const complainant = { name: opt('nama'), email: opt('email'), phone: opt('telepon') };
  const body: Record<string, unknown> = {
    kind: v.kind ?? '',
    category: v.category ?? '',
    summary: v.summary ?? '',
    description: v.description ?? '',
    kecamatan: opt('kecamatan'),
    application: opt('receiptNumber') ? { receiptNumber: opt('receiptNumber') } : undefined,
    complainant: complainant.name || complainant.email || complainant.phone ? complainant : undefined,
  };
  if (staff)
    Object.assign(body, {
      channel: v.channel ?? '',
      channelReference: opt('channelReference'),
      laporTrackingNumber: opt('laporTrackingNumber'),
    });
  return body;
}

/** The complaint's fields, shared by the petugas's recording screen and the public form. */
export function ComplaintForm({ catalog, kecamatan, staff, submitLabel, send }: Props) {
  const [v, setV] = useState<FormValues>({ kind: 'pengaduan' });
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: string) => (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value });
  const err = (f: string) => problem?.errors.find((x) => x.field === f)?.message;
  const invalid = (f: string) => (err(f) ? { 'aria-invalid': true, 'aria-describedby': `salah-${f.replace(/\W/g, '-')}` } : {});
  const Err = ({ f }: { f: string }) =>
    err(f) ? (
      <p class="salah" id={`salah-${f.replace(/\W/g, '-')}`}>
        {err(f)}
      </p>
    ) : null;
  const lapor = catalog.channels[v.channel ?? '']?.group === 'lapor';

  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setProblem(null);
        try {
          await send(bodyOf(v, staff));
        } catch (x) {
          setProblem(asProblem(x));
        } finally {
          setBusy(false);
        }
      }}
    >
      {problem && (
        <div class="peringatan" role="alert">
          <p>{problem.message}</p>
          {problem.errors.length > 0 && (
            <ul>
              {problem.errors.map((x) => (
                <li key={x.field}>{x.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <fieldset>
        <legend>Jenis</legend>
        {Object.entries(catalog.kinds).map(([code, label]) => (
          <label key={code} class="pilihan">
            <input type="radio" name="jenis" value={code} checked={v.kind === code} onChange={() => setV({ ...v, kind: code })} /> {label}
          </label>
        ))}
      </fieldset>
      <div class="isian">
        <label for="f-kategori">Kategori</label>
        <select id="f-kategori" value={v.category ?? ''} onChange={set('category')} {...invalid('category')}>
          <option value="">— pilih —</option>
          {Object.entries(catalog.categories).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
        <Err f="category" />
      </div>
      {staff && (
        <>
          <div class="isian">
            <label for="f-kanal">Kanal</label>
            <select id="f-kanal" value={v.channel ?? ''} onChange={set('channel')} {...invalid('channel')}>
              <option value="">— pilih —</option>
              {Object.entries(catalog.channels).map(([code, c]) => (
                <option key={code} value={code}>
                  {c.label}
                </option>
              ))}
            </select>
            <Err f="channel" />
          </div>
          <div class="isian">
            <label for="f-rujukan">Rujukan kanal (nomor surat, subjek email, tautan unggahan)</label>
            <input id="f-rujukan" value={v.channelReference ?? ''} onInput={set('channelReference')} {...invalid('channelReference')} />
            <Err f="channelReference" />
          </div>
          {lapor && (
            <div class="isian">
              <label for="f-lapor">Nomor pelacakan SP4N-LAPOR</label>
              <input
                id="f-lapor"
                value={v.laporTrackingNumber ?? ''}
                onInput={set('laporTrackingNumber')}
                {...invalid('laporTrackingNumber')}
              />
              <Err f="laporTrackingNumber" />
            </div>
          )}
        </>
      )}
      <div class="isian">
        <label for="f-judul">Judul singkat</label>
        <input id="f-judul" maxLength={200} value={v.summary ?? ''} onInput={set('summary')} {...invalid('summary')} />
        <Err f="summary" />
      </div>
      <div class="isian">
        <label for="f-uraian">Uraian</label>
        <textarea
          id="f-uraian"
          rows={5}
          maxLength={4000}
          value={v.description ?? ''}
          onInput={set('description')}
          {...invalid('description')}
        />
        <Err f="description" />
      </div>
      <div class="isian">
        <label for="f-kecamatan">Kecamatan yang diadukan (boleh dikosongkan)</label>
        <select id="f-kecamatan" value={v.kecamatan ?? ''} onChange={set('kecamatan')} {...invalid('kecamatan')}>
          <option value="">— tidak ada —</option>
          {kecamatan.map((k) => (
            <option key={k.kode} value={k.kode}>
              {k.nama}
            </option>
          ))}
        </select>
        <Err f="kecamatan" />
      </div>
      <div class="isian">
        <label for="f-tanda-terima">Nomor tanda terima permohonan terkait (boleh dikosongkan)</label>
        <input id="f-tanda-terima" value={v.receiptNumber ?? ''} onInput={set('receiptNumber')} {...invalid('application.receiptNumber')} />
        <Err f="application.receiptNumber" />
      </div>
      <fieldset>
        <legend>Identitas pelapor (boleh dikosongkan: anonim)</legend>
        <p class="catatan">
          Identitas hanya dilihat petugas pengaduan dan auditor. Isi email bila ingin diberi tahu setiap tahap penanganan.
        </p>
        <div class="isian">
          <label for="f-nama">Nama</label>
          <input id="f-nama" autoComplete="name" value={v.nama ?? ''} onInput={set('nama')} {...invalid('complainant.name')} />
          <Err f="complainant.name" />
        </div>
        <div class="isian">
          <label for="f-email">Email</label>
          <input
            id="f-email"
            type="email"
            autoComplete="email"
            value={v.email ?? ''}
            onInput={set('email')}
            {...invalid('complainant.email')}
          />
          <Err f="complainant.email" />
        </div>
        <div class="isian">
          <label for="f-telepon">Nomor telepon</label>
          <input
            id="f-telepon"
            type="tel"
            autoComplete="tel"
            value={v.telepon ?? ''}
            onInput={set('telepon')}
            {...invalid('complainant.phone')}
          />
          <Err f="complainant.phone" />
        </div>
      </fieldset>
      <button class="tombol" type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
