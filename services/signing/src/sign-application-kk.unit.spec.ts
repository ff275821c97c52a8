import { domainTesting } from '@adminduk/domain';
import { createDevPki, Pkcs12Signer, verifySignedPdf } from '@adminduk/kk-document';
import { kkCardFromApplication, KkCardDataError } from './kk-card-from-application';
import { signApplicationKk, SignApplicationDeps } from './sign-application-kk';
import { kkDocumentId } from './document-id';
import { TEST_OFFICE } from './testing/test-office';

const office = TEST_OFFICE;

const verifiedWithNik = () => new domainTesting.KkScenario('daring-mandiri').readyToVerify().verify().assignNik('3515124301250001');

describe('kkCardFromApplication', () => {
  it('puts the registered family first and the newborn with its new NIK last; codes become names', () => {
    const { state } = verifiedWithNik();
    const card = kkCardFromApplication(state, { ...office, documentId: 'doc-1', dikeluarkanTanggal: '2025-01-07' });
    expect(card.members.map((m) => m.namaLengkap)).toEqual([
      ...state.family!.anggota.map((m) => m.namaLengkap),
      state.newborn!.namaLengkap,
    ]);
    const baby = card.members[card.members.length - 1];
    expect(baby).toMatchObject({
      nik: '3515124301250001',
      pendidikan: 'TIDAK/BELUM SEKOLAH',
      statusPerkawinan: 'BELUM KAWIN',
      namaIbu: state.newborn!.namaIbu,
    });
    expect(card.header).toMatchObject({
      noKk: state.family!.noKk,
      desaKelurahan: 'WONOKUPANG',
      kecamatan: 'BALONGBENDO',
      kabupatenKota: 'SIDOARJO',
      provinsi: 'JAWA TIMUR',
      rt: '003',
      rw: '001',
    });
    expect(card.footer.kepalaKeluarga).toBe('BUDI SANTOSO');
    expect(card.verificationUrl).toBe('https://layanan.example.go.id/verifikasi/doc-1');
  });

  it('refuses an application whose newborn has no NIK yet', () => {
    const { state } = new domainTesting.KkScenario('daring-mandiri').readyToVerify().verify();
    expect(() => kkCardFromApplication(state, { ...office, documentId: 'd', dikeluarkanTanggal: '2025-01-07' })).toThrow(KkCardDataError);
  });
});

describe('signApplicationKk with the local signer', () => {
  const pki = createDevPki({ passphrase: 'p' });
  const deps: SignApplicationDeps = {
    signer: new Pkcs12Signer({ p12: pki.p12, passphrase: 'p' }),
    office,
    documentIdSecret: 'test-secret',
    now: () => new Date(Date.now() - 60_000),
  };

  it('returns a signed KK that verifies, under a document id stable for the application', async () => {
    const { state } = verifiedWithNik();
    const a = await signApplicationKk('app-1', state, deps);
    const b = await signApplicationKk('app-1', state, deps);
    expect(a.documentId).toBe(b.documentId);
    expect(a.documentId).toBe(kkDocumentId('app-1', 'test-secret'));
    expect(a.documentId).not.toBe(kkDocumentId('app-1', 'another-secret'));
    expect(a.documentId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.verificationUrl).toBe(`https://layanan.example.go.id/verifikasi/${a.documentId}`);
    const v = verifySignedPdf(a.pdf, { trustedCertificates: [pki.caCertPem] });
    expect(v.valid).toBe(true);
    expect(v.sha256).toBe(a.sha256);
    expect(v.signer?.serial).toBe(a.certificateSerial);
  });
});
