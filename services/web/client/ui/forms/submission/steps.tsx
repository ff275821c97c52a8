import { SelectField, TextField, type FieldErrors, type Values } from '../fields';
import { JENIS_KELAMIN, KK_VALUES, NEWBORN_HUBUNGAN } from '../kk-values';

export interface StepProps {
  values: Values;
  errors: FieldErrors;
  set: (name: string, value: string) => void;
}

const NIK_HINT = '16 digit angka, seperti tertulis pada KTP-el atau KK';

export function ApplicantStep(p: StepProps) {
  return (
    <>
      <p>Pemohon adalah anggota keluarga yang mengajukan dan dihubungi tentang permohonan ini.</p>
      <TextField {...p} name="applicant.nik" label="NIK pemohon" hint={NIK_HINT} inputMode="numeric" maxLength={16} />
      <TextField {...p} name="applicant.namaLengkap" label="Nama lengkap pemohon" autoComplete="name" />
      <TextField {...p} name="applicant.telepon" label="Nomor handphone" hint="Contoh: 081234567890" type="tel" autoComplete="tel" />
      <TextField
        {...p}
        name="applicant.email"
        label="Alamat email"
        hint="Tautan cetak mandiri KK dikirim ke alamat ini"
        type="email"
        autoComplete="email"
      />
    </>
  );
}

export function FamilyStep(p: StepProps & { desaFixed?: boolean }) {
  return (
    <>
      <TextField
        {...p}
        name="family.noKk"
        label="Nomor KK"
        hint="16 digit angka pada Kartu Keluarga saat ini"
        inputMode="numeric"
        maxLength={16}
      />
      <TextField {...p} name="family.namaKepalaKeluarga" label="Nama kepala keluarga" />
      <TextField {...p} name="family.alamat.alamat" label="Alamat" hint="Nama jalan, nomor rumah, dusun" />
      <TextField {...p} name="family.alamat.rt" label="RT" inputMode="numeric" maxLength={3} />
      <TextField {...p} name="family.alamat.rw" label="RW" inputMode="numeric" maxLength={3} />
      <TextField
        {...p}
        errors={{ ...p.errors, 'family.alamat.desa': p.errors['family.alamat.desa'] ?? p.errors.kecamatan }}
        name="family.alamat.desa"
        label="Kode desa/kelurahan"
        hint={p.desaFixed ? 'Desa Anda sebagai petugas registrasi' : 'Tercantum pada KK, contoh: 35.15.12.2001'}
      />
      <TextField {...p} name="family.alamat.kodePos" label="Kode pos" inputMode="numeric" maxLength={5} optional />
    </>
  );
}

export function MemberFields(p: StepProps & { index: number }) {
  const at = (f: string) => `family.anggota.${p.index}.${f}`;
  const kawin = p.values[at('statusPerkawinan')];
  const wna = p.values[at('kewarganegaraan')] === 'WNA';
  return (
    <>
      <TextField {...p} name={at('namaLengkap')} label="Nama lengkap" />
      <TextField {...p} name={at('nik')} label="NIK" hint={NIK_HINT} inputMode="numeric" maxLength={16} />
      <SelectField {...p} name={at('jenisKelamin')} label="Jenis kelamin" options={JENIS_KELAMIN} />
      <TextField {...p} name={at('tempatLahir')} label="Tempat lahir" />
      <TextField {...p} name={at('tanggalLahir')} label="Tanggal lahir" type="date" />
      <SelectField {...p} name={at('agama')} label="Agama" options={KK_VALUES.agama} />
      <SelectField {...p} name={at('pendidikan')} label="Pendidikan" options={KK_VALUES.pendidikan} />
      <SelectField {...p} name={at('jenisPekerjaan')} label="Jenis pekerjaan" options={KK_VALUES.jenisPekerjaan} />
      <SelectField {...p} name={at('golonganDarah')} label="Golongan darah" options={KK_VALUES.golonganDarah} />
      <SelectField {...p} name={at('statusPerkawinan')} label="Status Perkawinan" verbatim options={KK_VALUES.statusPerkawinan} />
      {kawin && kawin !== 'BELUM KAWIN' && (
        <TextField {...p} name={at('tanggalPerkawinan')} label="Tanggal perkawinan" type="date" optional />
      )}
      <SelectField {...p} name={at('statusHubungan')} label="Status Hubungan Dalam Keluarga" verbatim options={KK_VALUES.statusHubungan} />
      <SelectField {...p} name={at('kewarganegaraan')} label="Kewarganegaraan" options={KK_VALUES.kewarganegaraan} />
      {wna && <TextField {...p} name={at('noPaspor')} label="Nomor paspor" optional />}
      {wna && <TextField {...p} name={at('noKitap')} label="Nomor KITAP" optional />}
      <TextField {...p} name={at('namaAyah')} label="Nama ayah" />
      <TextField {...p} name={at('namaIbu')} label="Nama ibu" />
    </>
  );
}

export function MembersStep(p: StepProps & { count: number; add: () => void; remove: (i: number) => void }) {
  return (
    <>
      <p>Isi semua anggota keluarga seperti tercantum pada KK saat ini (bayi diisi pada langkah berikutnya).</p>
      {Array.from({ length: p.count }, (_, i) => (
        <fieldset class="anggota" key={i}>
          <legend>Anggota {i + 1}</legend>
          <MemberFields {...p} index={i} />
          {p.count > 1 && (
            <button type="button" class="tombol kedua-terang" onClick={() => p.remove(i)}>
              Hapus anggota {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      <button type="button" class="tombol kedua-terang" onClick={p.add}>
        Tambah anggota keluarga
      </button>
    </>
  );
}

export function NewbornStep(p: StepProps) {
  const at = (f: string) => `newborn.${f}`;
  return (
    <>
      <TextField {...p} name={at('namaLengkap')} label="Nama lengkap bayi" />
      <SelectField {...p} name={at('jenisKelamin')} label="Jenis kelamin" options={JENIS_KELAMIN} />
      <TextField {...p} name={at('tempatLahir')} label="Tempat lahir" />
      <TextField {...p} name={at('tanggalLahir')} label="Tanggal lahir" type="date" />
      <TextField {...p} name={at('jamLahir')} label="Jam lahir" hint="JJ:MM, contoh 04:30" type="time" optional />
      <SelectField {...p} name={at('agama')} label="Agama" options={KK_VALUES.agama} />
      <SelectField {...p} name={at('golonganDarah')} label="Golongan darah" options={KK_VALUES.golonganDarah} />
      <SelectField {...p} name={at('kewarganegaraan')} label="Kewarganegaraan" options={KK_VALUES.kewarganegaraan} />
      <SelectField {...p} name={at('statusHubungan')} label="Status Hubungan Dalam Keluarga" verbatim options={NEWBORN_HUBUNGAN} />
      <TextField {...p} name={at('nikIbu')} label="NIK ibu" hint={NIK_HINT} inputMode="numeric" maxLength={16} />
      <TextField {...p} name={at('namaIbu')} label="Nama ibu" />
      <TextField {...p} name={at('nikAyah')} label="NIK ayah" inputMode="numeric" maxLength={16} optional />
      <TextField {...p} name={at('namaAyah')} label="Nama ayah" optional />
      <TextField {...p} name={at('kelahiranKe')} label="Kelahiran ke-" type="number" inputMode="numeric" optional />
      <TextField {...p} name={at('penolongKelahiran')} label="Penolong kelahiran" hint="Contoh: BIDAN, DOKTER" optional />
      <TextField {...p} name={at('beratBayiGram')} label="Berat bayi (gram)" type="number" inputMode="numeric" optional />
      <TextField {...p} name={at('panjangBayiCm')} label="Panjang bayi (cm)" type="number" optional />
    </>
  );
}

/** The requirements of the chosen channel, from the catalog (GET /api/public/layanan/{id}). */
export function RequirementsStep(p: StepProps & { requirements?: { id: string; label: string }[]; problem?: string }) {
  return (
    <>
      <p>Siapkan pindaian atau foto yang jelas dari setiap persyaratan berikut. Anda mengunggahnya setelah permohonan terkirim.</p>
      {p.problem && <p class="peringatan">{p.problem}</p>}
      {p.requirements ? (
        <ol data-verbatim>
          {p.requirements.map((r) => (
            <li key={r.id}>{r.label}</li>
          ))}
        </ol>
      ) : (
        !p.problem && <p class="memuat">Memuat daftar persyaratan…</p>
      )}
      <div class="pilihan">
        <input
          id="f-memilikiIjazah"
          type="checkbox"
          checked={p.values.memilikiIjazah === 'ya'}
          onChange={(e) => p.set('memilikiIjazah', e.currentTarget.checked ? 'ya' : '')}
        />
        <label for="f-memilikiIjazah">Anggota keluarga yang didata sudah memiliki ijazah sekolah (ijazah ikut diunggah)</label>
      </div>
    </>
  );
}
