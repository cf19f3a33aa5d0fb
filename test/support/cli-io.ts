import type { CliIo } from '../../src/cli/io.ts';

/** A recording double of the process's IO. */
export function cliIo(stdin = '', env: NodeJS.ProcessEnv = {}): CliIo & { stdout: string; stderr: string } {
  const rec = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (rec.stdout += t),
    err: (t: string) => void (rec.stderr += t),
    env,
    readStdin: () => stdin,
    stdinFd: -1,
  };
  return rec;
}
