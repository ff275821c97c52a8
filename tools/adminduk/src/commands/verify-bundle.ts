import type { Command } from '../command';

export const command: Command = {
  usage: 'adminduk verify-bundle FILE [--key PUBLIC_KEY.pem] [--json]',
  async run(_argv, io) {
    io.stderr.write('adminduk verify-bundle: not available yet\n');
    return 3;
  },
};
