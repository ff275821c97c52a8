import { useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import type { PublicService } from '../public/public-service';
import type { PageProps } from '../../routes';
import { navigate } from '../../router';
import { Feedback, layout } from './feedback';
import { ADDRESS_FIELDS, APPLICANT_FIELDS, FAMILY_FIELDS, MEMBER_FIELDS, NEWBORN_FIELDS } from './kk-fields';
import { asProblem, useLoad, type CommandResult } from './operator-api';
import { PersonFields, toBody, type Values } from './person-fields';
import { IntakeResult } from './intake-result';
import type { ApiProblem } from '../../api';

const SERVICE = 'kk-tambah-anggota-kelahiran';

/**
 * The counter intake: the operator enters the family's data on their behalf (channel tatap-muka) and
 * ticks the documents handed in. The platform returns an incomplete file at once; a complete one is
 * verified next, and its tanda terima printed.
 */
export default function CounterIntake({ session }: PageProps) {
  const kecamatan = session?.user.kecamatan ?? '';
  const catalog = useLoad<PublicService>(`/api/public/layanan/${SERVICE}?kecamatan=${encodeURIComponent(kecamatan)}`);
  const requirements = useMemo(() => catalog.data?.channels.find((c) => c.id === 'tatap-muka')?.requirements ?? [], [catalog.data]);
  const [applicant, setApplicant] = useState<Values>({});
  const [family, setFamily] = useState<Values>({});
  const [address, setAddress] = useState<Values>({ kecamatan });
  const [members, setMembers] = useState<Values[]>([{}]);
  const [newborn, setNewborn] = useState<Values>({});
  const [ijazah, setIjazah] = useState(false);
  const [presented, setPresented] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [result, setResult] = useState<CommandResult | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per filled-in form: a retry after a lost answer is the same submission.
  const key = useRef(crypto.randomUUID());

  // Field errors by group: "family.anggota.1.nik" (the API's zod path) or "family.anggota[1].nik" (the domain's).
  const errors = (prefix: string) =>
    Object.fromEntries(
      (problem?.errors ?? [])
        .map((e) => ({ ...e, field: e.field.replace(/\[(\d+)\]/g, '.$1') }))
        .filter((e) => e.field.startsWith(`${prefix}.`) && !e.field.slice(prefix.length + 1).includes('.'))
        .map((e) => [e.field.slice(prefix.length + 1), e.message]),
    );

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    const body = {
      serviceType: SERVICE,
      kecamatan,
      applicant: toBody(APPLICANT_FIELDS, applicant),
      family: {
        ...toBody(FAMILY_FIELDS, family),
        alamat: toBody(ADDRESS_FIELDS, address),
        anggota: members.map((m) => toBody(MEMBER_FIELDS, m)),
      },
      newborn: toBody(NEWBORN_FIELDS, newborn),
      memilikiIjazah: ijazah,
      presentedRequirementIds: requirements.filter((r) => presented.has(r.id)).map((r) => r.id),
    };
    try {
      const r = await api<CommandResult>('/api/applications', { method: 'POST', headers: { 'idempotency-key': key.current }, json: body });
      key.current = crypto.randomUUID();
      setResult(r);
    } catch (err) {
      const p = asProblem(err);
      if (p.status !== 0 && p.status < 500) key.current = crypto.randomUUID();
      setProblem(p);
    } finally {
      setBusy(false);
    }
  };

  if (result) return <IntakeResult result={result} onNext={() => navigate(`/operator/permohonan/${result.applicationId}`)} />;
  const set = (setter: (f: (v: Values) => Values) => void) => (k: string, v: string) => setter((o) => ({ ...o, [k]: v }));
  return (
    <form class="kartu" style={{ ...layout.wide, ...layout.bleed }} onSubmit={submit} noValidate aria-labelledby="judul-loket">
      <h1 id="judul-loket">Penerimaan berkas di loket</h1>
      <p>Permohonan KK karena kelahiran, diajukan di loket kecamatan atas nama keluarga pemohon.</p>
      <fieldset>
        <legend>Berkas yang diserahkan</legend>
        {catalog.loading && <p class="memuat">Memuat daftar persyaratan…</p>}
        <Feedback problem={catalog.problem} />
        {requirements.map((r) => (
          <label key={r.id} style={{ fontWeight: 400 }}>
            <input
              type="checkbox"
              style={{ width: 'auto', minHeight: 0 }}
              checked={presented.has(r.id)}
              onChange={(e) => {
                const next = new Set(presented);
                if (e.currentTarget.checked) next.add(r.id);
                else next.delete(r.id);
                setPresented(next);
              }}
            />{' '}
            <span data-verbatim>{r.label}</span>
          </label>
        ))}
        <label style={{ fontWeight: 400 }}>
          <input
            type="checkbox"
            style={{ width: 'auto', minHeight: 0 }}
            checked={ijazah}
            onChange={(e) => setIjazah(e.currentTarget.checked)}
          />{' '}
          Anggota keluarga memiliki ijazah yang perlu dicatat
        </label>
      </fieldset>
      <fieldset>
        <legend>Pemohon</legend>
        <PersonFields
          idPrefix="pemohon"
          fields={APPLICANT_FIELDS}
          values={applicant}
          onChange={set(setApplicant)}
          errors={errors('applicant')}
        />
      </fieldset>
      <fieldset>
        <legend>Keluarga</legend>
        <PersonFields idPrefix="keluarga" fields={FAMILY_FIELDS} values={family} onChange={set(setFamily)} errors={errors('family')} />
        <PersonFields
          idPrefix="alamat"
          fields={ADDRESS_FIELDS}
          values={address}
          onChange={set(setAddress)}
          errors={errors('family.alamat')}
        />
      </fieldset>
      {members.map((m, i) => (
        <fieldset key={i}>
          <legend>Anggota keluarga {i + 1}</legend>
          <PersonFields
            idPrefix={`anggota-${i}`}
            fields={MEMBER_FIELDS}
            values={m}
            onChange={(k, v) => setMembers(members.map((x, j) => (j === i ? { ...x, [k]: v } : x)))}
            errors={errors(`family.anggota.${i}`)}
          />
          {members.length > 1 && (
            <button type="button" class="tombol" onClick={() => setMembers(members.filter((_, j) => j !== i))}>
              Hapus anggota keluarga {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      <button type="button" class="tombol" onClick={() => setMembers([...members, {}])}>
        Tambah anggota keluarga
      </button>
      <fieldset>
        <legend>Bayi yang lahir</legend>
        <PersonFields idPrefix="bayi" fields={NEWBORN_FIELDS} values={newborn} onChange={set(setNewborn)} errors={errors('newborn')} />
      </fieldset>
      <Feedback problem={problem} />
      <button type="submit" class="tombol" disabled={busy || !catalog.data}>
        {busy ? 'Mengirim…' : 'Terima berkas'}
      </button>
    </form>
  );
}
