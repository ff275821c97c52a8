import { fromWib } from '@adminduk/calendar';
import type { ApplicationEvent } from './application.events';
import { actors, given, KkScenario, sha, signatureData } from '../testing';

const signed = () => new KkScenario('daring-mandiri').readyToVerify().verify().assignNik().sign();
const at = '2025-01-06T02:00:00.000Z';
const expiresAt = fromWib(2025, 1, 13, 9).toISOString();
const LINK_1 = '0b7c1c2e-8f3a-4d7e-9a51-3f1d2c4b5a61';
const LINK_2 = '5e0f8f0a-2b1c-4c3d-8e9f-0a1b2c3d4e5f';
const DOWNLOAD_1 = '9d5a3b1c-7e2f-4a6b-8c9d-0e1f2a3b4c5d';
const DOWNLOAD_2 = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e';
const issue = (linkId: string) => ({ type: 'IssueSelfPrintLink' as const, actor: actors.system, data: { linkId, expiresAt } });
const download = (linkId: string, downloadId = DOWNLOAD_1) => ({
  type: 'RecordSelfPrint' as const,
  actor: actors.system,
  data: { linkId, downloadId },
});

describe('self-print link', () => {
  it('is issued for the signed KK after signing, by the system or an operator of the kecamatan', () => {
    given(signed().events)
      .when(issue(LINK_1))
      .then([{ type: 'SelfPrintLinkIssued', schemaVersion: 1, data: { linkId: LINK_1, documentId: 'kk-signed-1', expiresAt, at } }]);
    given(signed().events)
      .when({ ...issue(LINK_1), actor: actors.operator })
      .then([{ type: 'SelfPrintLinkIssued', schemaVersion: 1, data: { linkId: LINK_1, documentId: 'kk-signed-1', expiresAt, at } }]);
  });

  it('every download is an event; the first closes the application as self-printed, later ones are recorded too', () => {
    const s = signed();
    s.run(issue(LINK_1));
    given(s.events)
      .when(download(LINK_1))
      .then([{ type: 'KkSelfPrinted', schemaVersion: 1, data: { linkId: LINK_1, downloadId: DOWNLOAD_1, documentId: 'kk-signed-1', at } }]);
    s.run(download(LINK_1));
    expect(s.state.status).toBe('self-printed');
    const closedAt = s.state.closedAt;
    given(s.events)
      .when(download(LINK_1, DOWNLOAD_2))
      .then([{ type: 'KkSelfPrinted', schemaVersion: 1, data: { linkId: LINK_1, downloadId: DOWNLOAD_2, documentId: 'kk-signed-1', at } }]);
    s.at(new Date('2025-01-07T02:00:00Z')).run(download(LINK_1, DOWNLOAD_2));
    expect(s.state.closedAt).toBe(closedAt);
  });

  it('stops at its expiry', () => {
    const s = signed();
    s.run(issue(LINK_1));
    given(s.events)
      .when(download(LINK_1), { now: fromWib(2025, 1, 13, 9) })
      .thenThrows({ code: 'LINK_EXPIRED' });
  });

  it('a newer link replaces the older one', () => {
    const s = signed();
    s.run(issue(LINK_1));
    s.run(issue(LINK_2));
    given(s.events).when(download(LINK_1)).thenThrows({ code: 'LINK_SUPERSEDED' });
    given(s.events)
      .when(download(LINK_2))
      .then([{ type: 'KkSelfPrinted', schemaVersion: 1, data: { linkId: LINK_2, downloadId: DOWNLOAD_1, documentId: 'kk-signed-1', at } }]);
  });

  it('a newer KK ends the link issued for the older one', () => {
    const s = signed();
    s.run(issue(LINK_1));
    const resigned: ApplicationEvent = {
      type: 'KkSigned',
      schemaVersion: 2,
      data: { ...signatureData('kk-signed-2', sha(998), new Date(at)), signedBy: { userId: 'signer-1', role: 'penandatangan' }, at },
    } as ApplicationEvent;
    given([...s.events, resigned])
      .when(download(LINK_1))
      .thenThrows({ code: 'LINK_SUPERSEDED' });
  });

  it('a KK served from elsewhere (a read model) must be the one signed now', () => {
    const s = signed();
    s.run(issue(LINK_1));
    const current = { documentId: 'kk-signed-1', sha256: sha(999) };
    given(s.events)
      .when({ ...download(LINK_1), data: { linkId: LINK_1, downloadId: DOWNLOAD_1, served: current } })
      .then([{ type: 'KkSelfPrinted', schemaVersion: 1, data: { linkId: LINK_1, downloadId: DOWNLOAD_1, documentId: 'kk-signed-1', at } }]);
    given(s.events)
      .when({ ...download(LINK_1), data: { linkId: LINK_1, downloadId: DOWNLOAD_1, served: { ...current, sha256: sha(998) } } })
      .thenThrows({ code: 'LINK_SUPERSEDED' });
    given(s.events)
      .when({ ...download(LINK_1), data: { linkId: LINK_1, downloadId: DOWNLOAD_1, served: { ...current, documentId: 'kk-old' } } })
      .thenThrows({ code: 'LINK_SUPERSEDED' });
  });

  it('a revocation ends every link and refuses new ones', () => {
    const s = signed();
    s.run(issue(LINK_1));
    s.revoke();
    given(s.events).when(download(LINK_1)).thenThrows({ code: 'KK_REVOKED' });
    given(s.events).when(issue(LINK_2)).thenThrows({ code: 'KK_REVOKED' });
  });

  it('a KK collected at the kecamatan ends the link', () => {
    const s = signed();
    s.run(issue(LINK_1));
    s.print().collect();
    given(s.events).when(download(LINK_1)).thenThrows({ code: 'LINK_CLOSED' });
  });

  it('refuses unknown links, duplicates, non-UUID ids, past expiry, before signing, and other roles', () => {
    const s = signed();
    s.run(issue(LINK_1));
    given(s.events).when(download(LINK_2)).thenThrows({ code: 'LINK_UNKNOWN' });
    given(s.events).when(issue(LINK_1)).thenThrows({ code: 'LINK_DUPLICATE' });
    given(s.events)
      .when(download(LINK_1, 'not-a-uuid'))
      .thenThrows({ kind: 'invalid', fields: ['downloadId'] });
    given(signed().events)
      .when(issue('lnk-1'))
      .thenThrows({ kind: 'invalid', fields: ['linkId'] });
    given(signed().events)
      .when({ ...issue(LINK_1), data: { linkId: LINK_1, expiresAt: '2025-01-01T00:00:00Z' } })
      .thenThrows({ kind: 'invalid', fields: ['expiresAt'] });
    given(new KkScenario('daring-mandiri').readyToVerify().verify().events).when(issue(LINK_1)).thenThrows({ code: 'LINK_NOT_SIGNED' });
    given(s.events)
      .when({ ...download(LINK_1), actor: actors.operator })
      .thenThrows({ kind: 'forbidden' });
  });
});
