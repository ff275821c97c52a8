import { SendFailedError, withoutPersonalData } from '../send-error';
import type { OutgoingText, TextMessageSender } from './text-message.port';

export interface HttpTextProviderOptions {
  /** The provider's send endpoint, e.g. https://sms.example/v1/messages. */
  url: string;
  /** Sent as "Authorization: Bearer <token>". */
  token: string;
  /** Whole request, connect to last byte (default 10 s). */
  timeoutMs?: number;
}

/**
 * SMS/WhatsApp through an HTTP provider: POST JSON { channel, to, body, reference } with the send
 * key as Idempotency-Key, so a provider that honours it drops our repeats. 2xx is accepted; 4xx
 * (except 408 and 429) is permanent; 5xx, 408, 429, timeouts and network errors may pass later.
 */
export class HttpTextMessageSender implements TextMessageSender {
  constructor(private readonly o: HttpTextProviderOptions) {}

  async send(m: OutgoingText): Promise<{ providerMessageId?: string }> {
    let res: Response;
    try {
      res = await fetch(this.o.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.o.token}`,
          'content-type': 'application/json',
          'idempotency-key': m.sendKey,
        },
        body: JSON.stringify({ channel: m.channel, to: m.to, body: m.body, reference: m.sendKey }),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      const code = err.name === 'TimeoutError' ? 'ETIMEDOUT' : (err.cause?.code ?? 'EFETCH');
      throw new SendFailedError(`text provider unreachable (${code})`, false, code);
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
      throw new SendFailedError(`text provider answered HTTP ${res.status}: ${withoutPersonalData(text)}`, permanent, String(res.status));
    }
    return { providerMessageId: providerIdOf(text) };
  }

  async close(): Promise<void> {}
}

function providerIdOf(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  } catch {
    return undefined;
  }
}
