// Prints the demo logins; run by infra/start.sh. Development only.
import { formatDemoUsers } from './demo-users';

process.stdout.write(`${formatDemoUsers().join('\n')}\n`);
