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
