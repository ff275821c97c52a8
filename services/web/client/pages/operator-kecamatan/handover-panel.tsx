import { useState } from 'preact/hooks';
import { layout } from './feedback';
import type { ApplicationData, useCommands } from './operator-api';

interface Props {
  applicationId: string;
  data: ApplicationData;
  commands: ReturnType<typeof useCommands>;
}

/**
 * Hand-over: the KK goes to the applicant or a member of the same KK. The operator types the NIK from
 * the collector's KTP-el (or picks the member) and sees at once whether it is on this KK; the platform
 * checks it again.
 */
export function HandoverPanel({ applicationId, data, commands }: Props) {
  const [nik, setNik] = useState('');
  const members = data.family.anggota;
  const match = members.find((m) => m.nik === nik.trim());
  const complete = /^\d{16}$/.test(nik.trim());
  return (
    <section class="kartu" aria-labelledby="judul-serah">
      <h2 id="judul-serah">Serah terima KK</h2>
      <p>Pengambil: pemohon atau anggota keluarga dalam KK yang sama, dengan menunjukkan KTP-el.</p>
      <table style={layout.table}>
        <caption style={{ textAlign: 'left', fontWeight: 700 }}>Anggota keluarga dalam KK</caption>
        <thead>
          <tr>
            {['Nama', 'NIK', 'Hubungan', ''].map((h, i) => (
              <th key={i} scope="col" style={layout.cell}>
                {h || <span class="catatan">Tindakan</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={String(m.nik)}>
              <td style={layout.cell} data-verbatim>
                {m.namaLengkap}
              </td>
              <td style={layout.cell}>{m.nik}</td>
              <td style={layout.cell} data-verbatim>
                {m.statusHubungan}
              </td>
              <td style={layout.cell}>
                <button
                  type="button"
                  class="tombol"
                  onClick={() => setNik(String(m.nik))}
                  aria-label={`Pilih ${m.namaLengkap} sebagai pengambil`}
                >
                  Pilih
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void commands.send('Serah terima KK dicatat.', `/api/applications/${applicationId}/collection`, { collectorNik: nik.trim() });
        }}
      >
        <label for="nik-pengambil">NIK pengambil (sesuai KTP-el)</label>
        <input
          id="nik-pengambil"
          inputMode="numeric"
          maxLength={16}
          value={nik}
          onInput={(e) => setNik(e.currentTarget.value)}
          aria-describedby="cek-pengambil"
          autoComplete="off"
        />
        <p id="cek-pengambil" aria-live="polite" class={complete && !match ? 'salah' : undefined}>
          {!complete
            ? 'Masukkan 16 digit NIK.'
            : match
              ? `Sesuai: ${match.namaLengkap} (${match.statusHubungan}).`
              : 'NIK ini tidak terdaftar dalam KK ini; KK tidak dapat diserahkan.'}
        </p>
        <button type="submit" class="tombol" disabled={commands.busy || !match}>
          Serahkan KK
        </button>
      </form>
    </section>
  );
}
