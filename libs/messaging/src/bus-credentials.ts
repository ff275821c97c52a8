import { nkeyAuthenticator, type ConnectionOptions } from 'nats';
import { inboxPrefixOf } from './bus-accounts';

/** A service's identity on the bus: its name (reply inbox) and its nkey seed (absent: anonymous, open servers only). */
export interface BusIdentity {
  service: string;
  nkeySeed?: string;
}

/** Connection options that authenticate as the service and keep its replies in its own inbox. */
export function busConnectionOptions(id: BusIdentity): Partial<ConnectionOptions> {
  const options: Partial<ConnectionOptions> = { inboxPrefix: inboxPrefixOf(id.service) };
  if (id.nkeySeed) options.authenticator = nkeyAuthenticator(new TextEncoder().encode(id.nkeySeed));
  return options;
}
