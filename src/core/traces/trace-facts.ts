import type { Crash } from './find-crashes.ts';

export interface TraceFacts {
  /** "1.20" from `golang-1.20-linux` or `/go1.21.6/` in file paths. */
  goVersion: string | null;
  /** Module of the first frame outside the standard library. */
  program: string | null;
  /** Top frame's file and line. */
  site: string | null;
}

/** What a crash shows beyond its frames: the Go toolchain, the program, where it died. */
export function traceFacts(crash: Crash): TraceFacts {
  let goVersion: string | null = null;
  for (const f of crash.frames) {
    const m = f.file ? /golang-(\d+\.\d+)(?:\.\d+)?-linux|\/go(1\.\d+)(?:\.\d+)?\//.exec(f.file) : null;
    if (m) {
      goVersion = (m[1] ?? m[2]) as string;
      break;
    }
  }
  const own = crash.frames.find((f) => isThirdParty(f.fn));
  const top = crash.frames.find((f) => f.file !== undefined);
  return {
    goVersion,
    program: own ? moduleOf(own.fn) : null,
    site: top ? `${baseName(top.file as string)}:${top.fileLine}` : null,
  };
}

function isThirdParty(fn: string): boolean {
  const first = fn.split('/')[0] ?? '';
  return first.includes('.') && fn.includes('/');
}

/** `code.cloudfoundry.org/gorouter/proxy.X` -> `code.cloudfoundry.org/gorouter`; github-style hosts keep owner/repo. */
export function moduleOf(fn: string): string {
  const parts = fn.split('/');
  const keep = /^(?:github\.com|gitlab\.com|bitbucket\.org)$/.test(parts[0] ?? '') ? 3 : 2;
  const mod = parts.slice(0, keep);
  if (parts.length <= keep) mod[mod.length - 1] = (mod[mod.length - 1] ?? '').split('.')[0] ?? '';
  return mod.join('/');
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
