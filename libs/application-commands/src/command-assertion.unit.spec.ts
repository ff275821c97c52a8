import {
  CommandAssertionSigner,
  CommandAssertionVerifier,
  DEADLINE_GRACE_MS,
  generateCommandAssertionKeys,
  isDeadlinePassed,
} from './command-assertion';

describe('command assertion', () => {
  const keys = generateCommandAssertionKeys();
  const signer = new CommandAssertionSigner(keys.privateKeyPem);
  const verifier = new CommandAssertionVerifier(keys.publicKeyPem);
  const principal = { userId: 'op-1', role: 'operator-kecamatan' as const, kecamatan: '35.15.12' };
  const payload = {
    meta: { idempotencyKey: 'k-12345678', correlationId: 'c' },
    applicationId: 'a',
    command: { type: 'VerifyData', data: {} },
  };
  const now = new Date('2026-03-02T03:00:00Z');
  const refused = { body: { statusCode: 401, code: 'COMMAND_UNAUTHENTICATED' } };

  it('gives the signed principal for this subject and payload, within its lifetime', async () => {
    const token = await signer.sign(principal, 'subj', payload, now);
    await expect(verifier.principal(token, 'subj', JSON.parse(JSON.stringify(payload)), new Date(now.getTime() + 20_000))).resolves.toEqual(
      principal,
    );
  });

  it('refuses a missing, malformed, re-signed, re-targeted, altered, early or expired assertion', async () => {
    const token = await signer.sign(principal, 'subj', payload, now);
    const [h, b, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(b, 'base64url').toString());
    const forgedBody = Buffer.from(JSON.stringify({ ...claims, principal: { ...principal, kecamatan: '35.15.01' } })).toString('base64url');
    const noneHeader = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const other = new CommandAssertionSigner(generateCommandAssertionKeys().privateKeyPem);
    const cases: Array<[string | undefined, string, unknown, Date]> = [
      [undefined, 'subj', payload, now],
      ['garbage', 'subj', payload, now],
      [`${h}.${forgedBody}.${s}`, 'subj', payload, now],
      [`${noneHeader}.${b}.`, 'subj', payload, now],
      [`${h}.${b}.${Buffer.from('x'.repeat(64)).toString('base64url')}`, 'subj', payload, now],
      [await other.sign(principal, 'subj', payload, now), 'subj', payload, now],
      [token, 'other-subj', payload, now],
      [token, 'subj', { ...payload, applicationId: 'b' }, now],
      [token, 'subj', payload, new Date(now.getTime() + 36_000)],
      [token, 'subj', payload, new Date(now.getTime() - 6_000)],
    ];
    for (const [assertion, subject, body, at] of cases) {
      await expect(verifier.principal(assertion, subject, body, at)).rejects.toMatchObject(refused);
    }
  });

  it("does not run a command received after its sender's deadline, give or take the grace for clock differences", async () => {
    const deadline = new Date(now.getTime() + 10_000);
    const token = await signer.sign(principal, 'subj', payload, now, deadline);
    const at = (ms: number) => new Date(deadline.getTime() + ms);
    await expect(verifier.principal(token, 'subj', payload, at(-1))).resolves.toEqual(principal);
    await expect(verifier.principal(token, 'subj', payload, at(DEADLINE_GRACE_MS))).resolves.toEqual(principal);
    const late = verifier.principal(token, 'subj', payload, at(DEADLINE_GRACE_MS + 1));
    await expect(late).rejects.toMatchObject({ body: { statusCode: 503, code: 'COMMAND_DEADLINE_PASSED' } });
    await expect(late.catch((e: unknown) => isDeadlinePassed(e))).resolves.toBe(true);
    // Without a deadline only the assertion's lifetime bounds it (a sender that waits that long).
    await expect(verifier.principal(await signer.sign(principal, 'subj', payload, now), 'subj', payload, at(5_000))).resolves.toEqual(
      principal,
    );
  });

  it('accepts any of several public keys (rotation)', async () => {
    const next = generateCommandAssertionKeys();
    const both = new CommandAssertionVerifier(`${keys.publicKeyPem}\n${next.publicKeyPem}`);
    const token = await new CommandAssertionSigner(next.privateKeyPem).sign(principal, 'subj', payload, now);
    await expect(both.principal(token, 'subj', payload, now)).resolves.toEqual(principal);
    await expect(verifier.principal(token, 'subj', payload, now)).rejects.toMatchObject(refused);
  });
});
