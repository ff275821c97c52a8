import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWhere } from '@adminduk/testing';
import { feeText, PROVISIONAL_DUE_NOTE, type ReceiptSlipData } from './receipt-slip';
import { renderReceiptSlipPdf } from './render-receipt-slip';

// Read back with poppler (pdftotext, pdftoppm) and zbar (zbarimg): what the counter prints is what a reader sees.
const missing = ['pdftotext', 'pdftoppm', 'zbarimg'].filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);

const slip: ReceiptSlipData = {
  receiptNumber: 'TT-351512-20260106-0007',
  office: { name: 'Kantor Kecamatan Balongbendo', address: 'Jl. Mayjend Bambang Yuwono 2 Ds. Wonokupang Kec. Balongbendo' },
  receivedAt: 'Selasa, 6 Januari 2026 pukul 09.12 WIB',
  applicant: { name: 'BUDI SANTOSO', nikMasked: '3515********0001' },
  service: 'Penerbitan KK karena penambahan anggota keluarga (kelahiran)',
  requirements: ['Formulir F-1.01', 'Kartu Keluarga lama', 'Kutipan akta kelahiran'],
  due: { text: 'Jumat, 9 Januari 2026 pukul 09.12 WIB', provisional: false },
  fee: feeText(0),
  collection: 'pemohon atau anggota keluarga dalam satu Kartu Keluarga',
  complaints: { telepon: '031-8971003', email: 'balongbendo@sidoarjokab.go.id' },
  trackingUrl: 'https://layanan.example.go.id/lacak?nomor=TT-351512-20260106-0007',
};

function text(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'receipt-'));
  writeFileSync(join(dir, 'slip.pdf'), pdf);
  return spawnSync('pdftotext', [join(dir, 'slip.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
}

describe('fee text', () => {
  it('writes a free service as "Rp 0 (gratis)" and thousands with dots', () => {
    expect(feeText(0)).toBe('Rp 0 (gratis)');
    expect(feeText(15000)).toBe('Rp 15.000');
  });
});

describeWhere('tanda terima PDF read back by poppler and zbar', missing.length ? `missing ${missing.join(', ')}` : null, () => {
  it('shows the receipt number, applicant (NIK masked), service, requirements, due date, fee and complaint contacts', async () => {
    const t = text(await renderReceiptSlipPdf(slip));
    for (const expected of [
      'TANDA TERIMA BERKAS',
      'Nomor: TT-351512-20260106-0007',
      'BUDI SANTOSO',
      '3515********0001',
      'Penerbitan KK karena penambahan anggota keluarga (kelahiran)',
      'Kutipan akta kelahiran',
      'Jumat, 9 Januari 2026 pukul 09.12 WIB',
      'Rp 0 (gratis)',
      '031-8971003',
      'balongbendo@sidoarjokab.go.id',
    ])
      expect(t).toContain(expected);
    expect(t).not.toContain('sementara');
  });

  it('says when the due date is provisional', async () => {
    const t = text(await renderReceiptSlipPdf({ ...slip, due: { text: 'Selasa, 5 Januari 2027 pukul 09.12 WIB', provisional: true } }));
    expect(t).toContain('Selasa, 5 Januari 2027 pukul 09.12 WIB (sementara)');
    expect(t).toContain(PROVISIONAL_DUE_NOTE.slice(0, 60));
  });

  it('carries a QR code that a scanner reads as the tracking URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'receipt-qr-'));
    writeFileSync(join(dir, 'slip.pdf'), await renderReceiptSlipPdf(slip));
    expect(spawnSync('pdftoppm', ['-r', '200', '-png', '-singlefile', join(dir, 'slip.pdf'), join(dir, 'slip')]).status).toBe(0);
    const scanned = spawnSync('zbarimg', ['--quiet', '--raw', join(dir, 'slip.png')], { encoding: 'utf8' });
    expect(scanned.stdout.trim()).toBe(slip.trackingUrl);
  });
});
