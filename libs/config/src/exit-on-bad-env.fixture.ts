// Started by load-config.int.spec.ts as a real process: loads config the way a service's main.ts does.
import { loadConfig, natsUrl, port, postgresUrl, z } from './index';

const config = loadConfig(z.object({ DATABASE_URL: postgresUrl(), NATS_URL: natsUrl(), PORT: port().default('3000') }));
process.stdout.write(`started on ${config.PORT}\n`);
