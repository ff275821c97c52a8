import { domainTesting } from '@adminduk/domain';
import { queueBucket } from './queue-bucket';

describe('operator queue bucket', () => {
  const scenario = () => new domainTesting.KkScenario('tatap-muka').submit();

  it('follows the application through the queues', () => {
    const s = scenario();
    expect(queueBucket(s.state)).toBe('to-verify');
    s.acceptAll().verify();
    expect(queueBucket(s.state)).toBe('to-sign');
    s.assignNik().sign();
    expect(queueBucket(s.state)).toBe('to-print');
    s.print();
    expect(queueBucket(s.state)).toBe('ready-for-pickup');
  });

  it('takes a revoked KK out of the print queue', () => {
    const s = scenario().acceptAll().verify().assignNik().sign();
    expect(queueBucket(s.state)).toBe('to-print');
    s.run({ type: 'RevokeSignedKk', actor: domainTesting.actors.signer, data: { reason: 'Diterbitkan karena kesalahan data' } });
    expect(queueBucket(s.state)).toBe('closed');
  });
});
