import type { Command } from '../command';

export const command: Command = {
  usage: 'adminduk audit verify [--stream ID] [--from POSITION] [--json]',
  async run(_argv, io) {
    io.stderr.write('adminduk audit verify: not available yet\n');
    return 3;
  },
};
