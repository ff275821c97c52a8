import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { findKecamatan, findVillage } from '@adminduk/domain';
import { PublicWilayahModule } from './public-wilayah.module';
import { publicWilayahSchema } from './public-wilayah.schema';

describe('GET /api/public/wilayah', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [PublicWilayahModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('names every kecamatan and desa of the domain data, cacheable by browsers', async () => {
    const res = await request(app.getHttpServer()).get('/api/public/wilayah').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    const body = publicWilayahSchema.parse(res.body);

    expect(body.kecamatan).toHaveLength(18); // Kabupaten Sidoarjo
    expect(body.kecamatan).toContainEqual({ kode: '35.15.12', nama: findKecamatan('35.15.12')!.name });
    expect(body.kecamatan.find((k) => k.kode === '35.15.12')?.nama).toBe('Balongbendo');

    const desa = body.desa.find((d) => d.kode === '35.15.12.2001');
    expect(desa).toMatchObject({ nama: findVillage('35.15.12.2001')!.name, kecamatan: '35.15.12', jenis: 'desa' });
    // Every desa belongs to a listed kecamatan, and no code appears twice.
    const kecamatan = new Set(body.kecamatan.map((k) => k.kode));
    expect(body.desa.every((d) => kecamatan.has(d.kecamatan))).toBe(true);
    expect(new Set(body.desa.map((d) => d.kode)).size).toBe(body.desa.length);
  });

  it('keeps retired village codes, marked, so old applications still show a name', async () => {
    const res = await request(app.getHttpServer()).get('/api/public/wilayah').expect(200);
    const retired = (res.body as { desa: { dihapus?: boolean }[] }).desa.filter((d) => d.dihapus);
    expect(retired.length).toBeGreaterThan(0);
  });
});
