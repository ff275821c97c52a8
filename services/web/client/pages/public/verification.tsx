import { useState } from 'preact/hooks';

/** The signed KK's public verification is the signing service's page (/verifikasi/{kode}, same origin). */
export default function Verification() {
  const [kode, setKode] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    if (kode.trim()) location.assign(`/verifikasi/${encodeURIComponent(kode.trim())}`);
  };
  return (
    <section class="kartu">
      <h1>Periksa keaslian Kartu Keluarga</h1>
      <p>
        Pindai kode QR pada KK dengan kamera ponsel, atau ketik kode dokumen yang tercetak di bawah kode QR. Halaman pemeriksaan menunjukkan
        apakah KK itu ditandatangani secara elektronik oleh Dinas dan belum dicabut.
      </p>
      <form onSubmit={submit}>
        <label for="kode">Kode dokumen</label>
        <input id="kode" name="kode" value={kode} onInput={(e) => setKode(e.currentTarget.value)} required autoComplete="off" />
        <button class="tombol" type="submit">
          Periksa
        </button>
      </form>
    </section>
  );
}
