/** What a CLI command may touch: its output streams, the environment and standard input. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Reads all of standard input as text. */
  readStdin: () => string;
  /** File descriptor to stream standard input from (0 in the real CLI). */
  stdinFd: number;
}

export const EXIT = { ok: 0, nothing: 1, usage: 2 } as const;
