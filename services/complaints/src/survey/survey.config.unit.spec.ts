import { randomBytes } from 'node:crypto';
import { complaintTrackingKeyProblems, DEV_COMPLAINT_TRACKING_KEY } from '@adminduk/self-print-token';
import { DEV_SURVEY_LINK_SEED, DEV_SURVEY_RESPONSE_KEY, surveyEnv, surveyKeyProblems } from './survey.config';

// The development keys are public (they are in this repository): refused in production, accepted in test.
describe('the complaints service’s keys in production', () => {
  const fresh = () => randomBytes(32).toString('base64url');

  it('refuses the development survey key and link seed in production, names each', () => {
    const dev = surveyEnv.parse({});
    expect(dev).toMatchObject({ SURVEY_RESPONSE_KEY: DEV_SURVEY_RESPONSE_KEY, SURVEY_LINK_SIGNING_SEED: DEV_SURVEY_LINK_SEED });
    expect(surveyKeyProblems('test', dev)).toEqual([]);
    expect(surveyKeyProblems('production', dev)).toEqual([
      'SURVEY_RESPONSE_KEY must not be the development key in production',
      'SURVEY_LINK_SIGNING_SEED must not be the development seed in production',
    ]);
    const own = surveyEnv.parse({ SURVEY_RESPONSE_KEY: fresh(), SURVEY_LINK_SIGNING_SEED: fresh() });
    expect(surveyKeyProblems('production', own)).toEqual([]);
    expect(surveyEnv.safeParse({ SURVEY_LINK_SIGNING_SEED: 'short' }).success).toBe(false);
  });

  it('refuses the development tracking key in production', () => {
    expect(complaintTrackingKeyProblems('test', DEV_COMPLAINT_TRACKING_KEY)).toEqual([]);
    expect(complaintTrackingKeyProblems('production', DEV_COMPLAINT_TRACKING_KEY)).toHaveLength(1);
    expect(complaintTrackingKeyProblems('production', fresh())).toEqual([]);
  });
});
