import type { Command } from '../command';

export const command: Command = {
  usage: 'adminduk export ID [--out FILE]',
  async run(_argv, io) {
    io.stderr.write('adminduk export: not available yet\n');
    return 3;
  },
};
