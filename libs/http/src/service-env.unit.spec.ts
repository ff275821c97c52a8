import { ConfigError, loadConfig } from '@adminduk/config';
import { rateLimitsFrom } from './rate-limit';
import { serviceEnv } from './service-env';

/** The fields every service's config shares (gateway, intake, verification, projections, signing). */
function attempt(env: Record<string, string>) {
  const lines: string[] = [];
  try {
    const config = loadConfig(
      serviceEnv,
      { ADMINDUK_ENV: 'test', PORT: '3000', ...env },
      {
        exit: (() => undefined) as never,
        write: (l) => lines.push(l),
      },
    );
    return { config, lines };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { config: undefined, lines };
  }
}

describe('serviceEnv', () => {
  it('holds what used to be read in passing: the event store, the rate limits, the command namespace', () => {
    const { config } = attempt({ RATE_LIMIT_PUBLIC_PER_MIN: '7', HTTP_TRUST_PROXY: '1', COMMAND_SUBJECT_PREFIX: 'e2e_1' });
    expect(config).toMatchObject({ EVENT_STORE: 'postgres', COMMAND_SUBJECT_PREFIX: 'e2e_1' });
    expect(rateLimitsFrom(config!)).toEqual({ userWritesPerMinute: 30, addressWritesPerMinute: 300, publicPerMinute: 7, trustProxy: 1 });
  });

  it('refuses them when bad, in the one config-error line', () => {
    expect(attempt({ EVENT_STORE: 'mongo', RATE_LIMIT_USER_WRITES_PER_MIN: '0', COMMAND_SUBJECT_PREFIX: 'a b' }).lines).toEqual([
      'config error: COMMAND_SUBJECT_PREFIX must be subject tokens (letters, digits, _ or -, separated by dots); ' +
        'EVENT_STORE must be postgres or kurrentdb; RATE_LIMIT_USER_WRITES_PER_MIN must be a positive integer',
    ]);
  });
});
