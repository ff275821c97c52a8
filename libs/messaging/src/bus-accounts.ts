/**
 * Who may do what on the bus. Each service connects as its own NATS user (an nkey: the server holds
 * only public keys) and may publish and subscribe on its own subjects only. This one table renders
 * the development/test server configuration and, later, the cluster's; a service that needs a new
 * subject gets it here and nowhere else.
 */

export const BUS_SERVICES = [
  'gateway',
  'intake',
  'verification',
  'relay',
  'projections',
  'signing',
  'documents',
  'notifications',
  'printing',
  'complaints',
  'ops',
] as const;
export type BusService = (typeof BUS_SERVICES)[number];

export interface BusPermissions {
  publish: string[];
  subscribe: string[];
  /** May answer the requests it received (publish to their reply subjects only). */
  allowResponses?: boolean;
}

/** Each connection's private reply inbox: nobody else can read another service's replies. */
export const inboxPrefixOf = (service: string) => `_INBOX_${service.replace(/[^A-Za-z0-9_-]/g, '_')}`;

const COMMANDS = {
  submit: 'intake.application.submit',
  intake: 'intake.application.command',
  verification: 'verification.application.command',
  holidays: 'intake.holidays.command',
};

/** Streams are created/updated by whoever starts first (idempotent), so every JetStream user may. */
const STREAM_ADMIN = ['$JS.API.INFO', '$JS.API.STREAM.INFO.*', '$JS.API.STREAM.CREATE.*', '$JS.API.STREAM.UPDATE.*'];

/** A durable pull consumer of its own: create, look up, pull and ack — nobody else's. */
function consumerOf(durable: string): string[] {
  return [
    `$JS.API.CONSUMER.CREATE.*.${durable}`,
    `$JS.API.CONSUMER.CREATE.*.${durable}.>`,
    `$JS.API.CONSUMER.DURABLE.CREATE.*.${durable}`,
    `$JS.API.CONSUMER.INFO.*.${durable}`,
    `$JS.API.CONSUMER.MSG.NEXT.*.${durable}`,
    `$JS.ACK.*.${durable}.>`,
  ];
}

const jetStreamUser = (service: string, publish: string[]): BusPermissions => ({
  publish: [...STREAM_ADMIN, ...publish],
  subscribe: [`${inboxPrefixOf(service)}.>`],
});

/** The permission table. Subjects are written without a test namespace. */
export const BUS_PERMISSIONS: Record<BusService, BusPermissions> = {
  // Sends user commands; reads the replies. No JetStream.
  gateway: { publish: Object.values(COMMANDS), subscribe: [`${inboxPrefixOf('gateway')}.>`] },
  intake: { publish: [], subscribe: [COMMANDS.submit, COMMANDS.intake, COMMANDS.holidays], allowResponses: true },
  verification: {
    ...jetStreamUser('verification', [...consumerOf('verification-newborn-nik'), 'dlq.>']),
    subscribe: [COMMANDS.verification, `${inboxPrefixOf('verification')}.>`],
    allowResponses: true,
  },
  // The only publisher of events.
  relay: jetStreamUser('relay', ['evt.>']),
  projections: jetStreamUser('projections', [...consumerOf('projections'), 'dlq.>']),
  signing: jetStreamUser('signing', [...consumerOf('signing-auto-sign'), 'dlq.>']),
  // Reads application events (its own durable consumer) and parks failed sends in the dead letters.
  notifications: jetStreamUser('notifications', [
    ...consumerOf('notifications'),
    ...consumerOf('notifications-survey'),
    ...consumerOf('notifications-complaint'),
    'dlq.>',
  ]),
  // Issues the self-print link when a KK is signed (its own durable consumer of KkSigned).
  printing: jetStreamUser('printing', [...consumerOf('printing-self-print-link'), 'dlq.>']),
  // Connects for nothing today; listed so that it has an identity and no rights.
  documents: { publish: [], subscribe: [] },
  // Complaints append in-process and scan their deadlines from the read model: no bus rights yet.
  // Invites to the IKM survey when a KK reaches the applicant (a durable consumer per trigger event type).
  complaints: jetStreamUser('complaints', [
    ...consumerOf('complaints-survey-on-collected'),
    ...consumerOf('complaints-survey-on-self-printed'),
    'dlq.>',
  ]),
  // Operations: the dead-letter CLI reads and replays dead letters (replay publishes the original
  // event subject); removing a retired durable consumer after an upgrade (runbook).
  ops: {
    publish: [
      ...STREAM_ADMIN,
      '$JS.API.DIRECT.GET.*',
      '$JS.API.STREAM.MSG.GET.*',
      '$JS.API.STREAM.MSG.DELETE.*',
      '$JS.API.CONSUMER.DELETE.*.*',
      'evt.>',
      'dlq.>',
    ],
    subscribe: [`${inboxPrefixOf('ops')}.>`],
  },
};

/**
 * The subjects a test run may use: every plain subject also under one namespace token (`<ns>.evt.>`),
 * so parallel suites on one server keep apart while the permissions stay exactly those above.
 */
export function namespaced(subjects: string[]): string[] {
  return subjects.flatMap((s) => (s.startsWith('$') || s.startsWith('_INBOX') ? [s] : [s, `*.${s}`]));
}

export interface BusUser {
  name: string;
  /** The nkey's public key (U...); the seed stays with the service. */
  nkey: string;
  /** Undefined: everything (the test harness's own user, in test configurations only). */
  permissions?: BusPermissions;
}

/** Seconds a new connection has to authenticate (nats-server's default: 2). */
export const AUTH_TIMEOUT_S = 10;

/** nats-server configuration: no anonymous access, one nkey user per service. */
export function renderBusServerConfig(o: { host: string; port: number; storeDir: string; users: BusUser[] }): string {
  const list = (xs: string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
  const user = (u: BusUser) => {
    if (!u.permissions) return `    { nkey: ${u.nkey} } # ${u.name}: all subjects (tests only)`;
    const p = u.permissions;
    const responses = p.allowResponses ? `, allow_responses: true` : '';
    return [
      `    { # ${u.name}`,
      `      nkey: ${u.nkey}`,
      `      permissions: { publish: { allow: ${list(p.publish.length ? p.publish : ['_NONE_'])} }, subscribe: { allow: ${list(p.subscribe.length ? p.subscribe : ['_NONE_'])} }${responses} }`,
      `    }`,
    ].join('\n');
  };
  return [
    '# Generated by infra/bus.ts from libs/messaging/src/bus-accounts.ts: edit the table, not this file.',
    `host: ${JSON.stringify(o.host)}`,
    `port: ${o.port}`,
    `jetstream { store_dir: ${JSON.stringify(o.storeDir)} }`,
    'authorization {',
    // nats-server hangs up on a client that has not sent CONNECT 2 s after its INFO. A starved
    // process (a restart under load, a busy CI worker) is slower than that, and nats.js then waits
    // out its attempt timeout before dialling again: 10 s still ends a connection that never speaks.
    `  timeout: ${AUTH_TIMEOUT_S}`,
    '  users = [',
    o.users.map(user).join('\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}
