import { composeNik } from '../identifiers/nik';
import type { NikRegistry, NikRequest, SequenceSource } from './registry.port';

/**
 * Development/test stand-in for the population registry: NIK = kecamatan + birth date (+40 for girls)
 * + the next serial for that prefix from the sequence source. Unique as long as the sequence source is.
 */
export class LocalNikRegistry implements NikRegistry {
  private readonly issued = new Map<string, Promise<string>>();

  constructor(private readonly sequence: SequenceSource) {}

  assignNewbornNik(request: NikRequest): Promise<string> {
    const existing = this.issued.get(request.applicationId);
    if (existing) return existing;
    const nik = this.issue(request);
    this.issued.set(request.applicationId, nik);
    nik.catch(() => this.issued.delete(request.applicationId));
    return nik;
  }

  private async issue(r: NikRequest): Promise<string> {
    // The first 12 digits are the prefix the serial counts within.
    const prefix = composeNik(r.kecamatan, r.tanggalLahir, r.jenisKelamin, 1).slice(0, 12);
    const serial = await this.sequence.next(`nik:${prefix}`);
    if (serial > 9999) throw new Error(`NIK serials exhausted for prefix ${prefix.slice(0, 6)}`);
    return composeNik(r.kecamatan, r.tanggalLahir, r.jenisKelamin, serial);
  }
}

/** In-memory sequence source for tests and local runs. */
export class InMemorySequenceSource implements SequenceSource {
  private readonly counters = new Map<string, number>();

  async next(key: string): Promise<number> {
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return n;
  }
}
