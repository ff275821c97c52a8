/** Where a command writes: stdout for its result, stderr for progress and problems. */
export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** One command (src/commands/<name>.ts): runs with its arguments, resolves with the exit status. */
export interface Command {
  usage: string;
  run(argv: string[], io: CommandIo): Promise<number>;
}
