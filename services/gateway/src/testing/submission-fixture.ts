import { domainTesting } from '@adminduk/domain';

/** A complete counter submission body, as the gateway's API takes it. */
export function counterSubmission(kecamatan = '35.15.12') {
  const { family, applicant, newborn, DOCUMENT_REQUIREMENTS } = domainTesting;
  return {
    kecamatan,
    applicant: applicant(),
    family: family(),
    newborn: newborn(),
    memilikiIjazah: false,
    presentedRequirementIds: [...DOCUMENT_REQUIREMENTS],
  };
}

/**
 * An online submission body: nothing handed in at a counter (the scans are uploaded), from `desa`,
 * with a different newborn each time so the duplicate check does not link them. (Letters only: a
 * newborn's name holds no digits, Permendagri 73/2022.)
 */
export function onlineSubmission(desa = '35.15.12.2004') {
  const { presentedRequirementIds: _none, ...body } = counterSubmission();
  body.family.alamat.desa = desa;
  body.newborn.namaLengkap = `BAYI ${Math.random()
    .toString(36)
    .slice(2, 8)
    .toUpperCase()
    .replace(/\d/g, (d) => 'KLMNOPQRST'[+d])}`;
  return body;
}
