import { counterSubmission } from '@adminduk/gateway/testing';

/** Which mothers the request bodies of one load-generator run cycle through. */
export interface MotherCycle {
  /** Distinct mothers cycled through (NIK serials 0001..), at most 9999. */
  mothers?: number;
  /** Where in that cycle this run starts, so consecutive runs do not repeat each other's mothers. */
  firstMother?: number;
}

/**
 * Request bodies for POST /api/applications: the fixture's submission with another mother per
 * request (same region, birth date and sex in the NIK, another serial). One family per request, as
 * at a real counter, rather than thousands of applications for one newborn, which would make every
 * submission compare itself with all the earlier ones.
 */
export function submissionBodies(cycle: MotherCycle): { mothers: number; bodyFor(i: number): Buffer } {
  const base = counterSubmission();
  const motherNik = base.newborn.nikIbu;
  const baseJson = JSON.stringify(base);
  const mothers = Math.min(cycle.mothers ?? 9999, 9999);
  const first = cycle.firstMother ?? 0;
  return {
    mothers,
    bodyFor(i: number): Buffer {
      const nik = motherNik.slice(0, 12) + String(((i + first) % mothers) + 1).padStart(4, '0');
      return Buffer.from(baseJson.replaceAll(motherNik, nik));
    },
  };
}
