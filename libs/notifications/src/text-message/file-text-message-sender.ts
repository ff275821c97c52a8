import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { OutgoingText, TextMessageSender } from './text-message.port';

/**
 * Development only: each message becomes one JSON line in a local file (tail -f it to read them).
 * The file holds phone numbers: it lives under .local/, which is never committed or shipped.
 */
export class FileTextMessageSender implements TextMessageSender {
  private ready?: Promise<unknown>;

  constructor(
    private readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(m: OutgoingText): Promise<{ providerMessageId?: string }> {
    this.ready ??= mkdir(path.dirname(this.file), { recursive: true });
    await this.ready;
    const line = JSON.stringify({ at: this.now().toISOString(), sendKey: m.sendKey, channel: m.channel, to: m.to, body: m.body });
    // One write per line with O_APPEND: lines of concurrent sends never interleave.
    await appendFile(this.file, line + '\n', 'utf8');
    return {};
  }

  async close(): Promise<void> {}
}
