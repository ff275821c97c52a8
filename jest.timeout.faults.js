// The fault suite (issue 16): the bounded run takes minutes, the soak (FAULTS_SOAK=1) hours.
jest.setTimeout(process.env.FAULTS_SOAK === '1' || process.env.FAULTS_APPLICATIONS ? 12 * 3600_000 : 15 * 60_000);
