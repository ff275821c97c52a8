import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describeWhere } from '@adminduk/testing';
import { KkCardData } from './kk-data';
import { renderKkPdf } from './render-kk-pdf';
import { SignedPdf } from './signer.port';
import { Pkcs12Signer } from './signers/pkcs12-signer';
import { sampleKkCard } from './testing/sample-kk';

// Acceptance by third-party tools: poppler (pdfsig, pdftoppm, pdftotext, pdffonts, pdfinfo), qpdf,
// zbar, NSS certutil. infra/ensure-debian-tools.sh installs them; CI runs it.
const TOOLS = ['pdfsig', 'pdftoppm', 'pdftotext', 'pdffonts', 'pdfinfo', 'qpdf', 'zbarimg', 'certutil'];
const ROOT = resolve(__dirname, '../../..');

const missing = TOOLS.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);

function run(cmd: string, args: string[]): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return r;
}

describeWhere(
  'signed KK accepted by third-party PDF tools',
  missing.length ? `missing ${missing.join(', ')} (run infra/ensure-debian-tools.sh)` : null,
  () => {
    let dir: string;
    let card: KkCardData;
    let signed: SignedPdf;
    let signedPath: string;
    let nssDir: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kk-acceptance-'));
      // The PKI comes from the same script developers use, into this test's own folder.
      const pki = spawnSync('bash', ['infra/dev-pki.sh', join(dir, 'pki')], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      if (pki.status !== 0) throw new Error(`dev-pki.sh failed: ${pki.stderr}`);
      const passphrase = readFileSync(join(dir, 'pki', 'signer.passphrase'), 'utf8').trim();
      const signer = Pkcs12Signer.fromFile(join(dir, 'pki', 'signer.p12'), passphrase);

      card = sampleKkCard(8, randomUUID());
      const rendered = await renderKkPdf(card);
      signed = await signer.sign({
        pdf: rendered.pdf,
        placement: rendered.signatureRect,
        reason: 'Penerbitan Kartu Keluarga',
        location: 'Sidoarjo',
      });
      signedPath = join(dir, 'kk-signed.pdf');
      writeFileSync(signedPath, signed.pdf);

      // pdfsig trusts what is in an NSS database: make one holding only the development CA.
      nssDir = `sql:${join(dir, 'nss')}`;
      run('mkdir', ['-p', join(dir, 'nss')]);
      expect(run('certutil', ['-N', '-d', nssDir, '--empty-password']).status).toBe(0);
      expect(
        run('certutil', ['-A', '-d', nssDir, '-n', 'adminduk-dev-ca', '-t', 'CT,C,C', '-i', join(dir, 'pki', 'ca.crt.pem')]).status,
      ).toBe(0);
    });

    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('pdfsig: signature valid, whole document signed, certificate trusted, CAdES-detached', () => {
      const r = run('pdfsig', ['-nssdir', nssDir, signedPath]);
      expect(r.stdout).toContain('Signature Validation: Signature is Valid.');
      expect(r.stdout).toContain('Total document signed');
      expect(r.stdout).toContain('Certificate Validation: Certificate is Trusted.');
      expect(r.stdout).toContain('Signature Type: ETSI.CAdES.detached');
      expect(r.stdout).toContain(`Signer full Distinguished Name: ${signed.signerSubject}`);
      expect(r.status).toBe(0);
    });

    it('pdfsig: one changed byte in the content makes the signature invalid', () => {
      const tampered = Buffer.from(signed.pdf);
      tampered[2000] ^= 0x01;
      const path = join(dir, 'kk-tampered.pdf');
      writeFileSync(path, tampered);
      const r = run('pdfsig', ['-nssdir', nssDir, path]);
      expect(r.stdout).toContain('Signature Validation:');
      expect(r.stdout).not.toContain('Signature is Valid.');
    });

    it('pdfsig without the development CA does not trust the certificate', () => {
      const emptyDb = `sql:${join(dir, 'nss-empty')}`;
      run('mkdir', ['-p', join(dir, 'nss-empty')]);
      run('certutil', ['-N', '-d', emptyDb, '--empty-password']);
      const r = run('pdfsig', ['-nssdir', emptyDb, signedPath]);
      expect(r.stdout).toContain('Signature is Valid.');
      expect(r.stdout).not.toContain('Certificate is Trusted.');
    });

    it('qpdf --check finds no errors or warnings', () => {
      const r = run('qpdf', ['--check', signedPath]);
      expect(r.stdout).toContain('No syntax or stream encoding errors found');
      expect(r.stdout).not.toMatch(/WARNING/);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });

    it('the QR code on the rendered page decodes to the verification URL of this document', () => {
      const png = join(dir, 'page');
      expect(run('pdftoppm', ['-r', '150', '-png', '-singlefile', signedPath, png]).status).toBe(0);
      const r = run('zbarimg', ['--quiet', '--raw', `${png}.png`]);
      expect(r.stdout.trim()).toBe(card.verificationUrl);
      expect(card.verificationUrl).toMatch(new RegExp(`/verifikasi/${card.documentId}$`));
    });

    it('one A4 landscape page, generic title, every font embedded', () => {
      const info = run('pdfinfo', [signedPath]).stdout;
      expect(info).toMatch(/Pages:\s+1\b/);
      expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
      expect(info).toMatch(/Title:\s+Kartu Keluarga\n/);
      const fonts = run('pdffonts', [signedPath]).stdout.trim().split('\n').slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) expect(line).toMatch(/\s(?:CID )?TrueType\s.*\syes\s+yes\s+yes\s/);
    });

    it('prints the Indonesian labels, the header and every member, the newborn included', () => {
      const text = run('pdftotext', ['-layout', signedPath, '-']).stdout.replace(/\s+/g, ' ');
      for (const label of [
        'KARTU KELUARGA',
        'Nama Kepala Keluarga',
        'RT/RW',
        'Desa/Kelurahan',
        'Kecamatan',
        'Kabupaten/Kota',
        'Kode Pos',
        'Provinsi',
        'Nama Lengkap',
        'Jenis Kelamin',
        'Tempat Lahir',
        'Tanggal Lahir',
        'Agama',
        'Pendidikan',
        'Jenis Pekerjaan',
        'Golongan Darah',
        'Status Perkawinan',
        'Kewarganegaraan',
        'No. Paspor',
        'No. KITAP',
        'Nama Ayah',
        'Nama Ibu',
        'Dikeluarkan Tanggal',
        'KEPALA KELUARGA',
        'KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL',
      ]) {
        expect(text).toContain(label);
      }
      expect(text).toContain(`No. ${card.header.noKk}`);
      expect(text).toContain(`${card.header.rt}/${card.header.rw}`);
      expect(text).toContain(`NIP. ${card.footer.kepalaDinas.nip}`);
      expect(card.members).toHaveLength(8);
      for (const m of card.members) {
        expect(text).toContain(m.namaLengkap);
        expect(text).toContain(m.nik);
      }
      expect(text).toContain('BAYI PUTRI SANTOSO');
    });
  },
);
