import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileTextMessageSender } from './file-text-message-sender';
import { HttpTextMessageSender } from './http-text-message-sender';
import type { OutgoingText } from './text-message.port';

const sms: OutgoingText = {
  sendKey: 'app-1/correction-requested/evt-9/sms',
  channel: 'sms',
  to: '081234567890',
  body: 'Berkas perlu diperbaiki.',
};

interface Received {
  headers: IncomingMessage['headers'];
  body: unknown;
}

describe('HTTP text-message adapter against a local HTTP server', () => {
  let server: Server;
  let url: string;
  const received: Received[] = [];
  let answer: (res: ServerResponse) => void = (res) => res.writeHead(202, { 'content-type': 'application/json' }).end('{"id":"prov-1"}');

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(raw) });
        answer(res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/messages`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('posts the message with the token and the send key as Idempotency-Key', async () => {
    const sender = new HttpTextMessageSender({ url, token: 'rahasia-uji' });
    await expect(sender.send(sms)).resolves.toEqual({ providerMessageId: 'prov-1' });
    const last = received[received.length - 1];
    expect(last.headers.authorization).toBe('Bearer rahasia-uji');
    expect(last.headers['idempotency-key']).toBe(sms.sendKey);
    expect(last.body).toEqual({ channel: 'sms', to: '081234567890', body: 'Berkas perlu diperbaiki.', reference: sms.sendKey });
  });

  it('reports a 5xx or 429 as retryable and a 4xx as permanent, with the status', async () => {
    const sender = new HttpTextMessageSender({ url, token: 't' });
    answer = (res) => res.writeHead(503).end('maintenance');
    await expect(sender.send(sms)).rejects.toMatchObject({ name: 'SendFailedError', permanent: false, code: '503' });
    answer = (res) => res.writeHead(429).end();
    await expect(sender.send(sms)).rejects.toMatchObject({ permanent: false, code: '429' });
    answer = (res) => res.writeHead(400).end('{"error":"invalid number 081234567890"}');
    const e = (await sender.send(sms).catch((x: unknown) => x)) as Error;
    expect(e).toMatchObject({ permanent: true, code: '400' });
    expect(e.message).toContain('HTTP 400');
    expect(e.message).not.toContain('081234567890');
  });

  it('gives up after the timeout when the provider does not answer', async () => {
    answer = () => undefined; // never answers
    const sender = new HttpTextMessageSender({ url, token: 't', timeoutMs: 300 });
    const started = Date.now();
    await expect(sender.send(sms)).rejects.toMatchObject({ permanent: false, code: 'ETIMEDOUT' });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('file text-message adapter (development)', () => {
  it('writes one JSON line per message', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sms-'));
    try {
      const file = path.join(dir, 'nested', 'text-messages.jsonl');
      const sender = new FileTextMessageSender(file, () => new Date('2026-03-02T03:00:00Z'));
      await Promise.all([sender.send(sms), sender.send({ ...sms, channel: 'whatsapp', sendKey: 'k2' })]);
      const lines = (await readFile(file, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(2);
      expect(lines).toContainEqual({ at: '2026-03-02T03:00:00.000Z', sendKey: sms.sendKey, channel: 'sms', to: sms.to, body: sms.body });
      expect(lines.map((l) => l.channel).sort()).toEqual(['sms', 'whatsapp']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
