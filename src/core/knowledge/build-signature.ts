import semver from 'semver';
import { normalizeFrame } from '../traces/normalize-frame.ts';
import type { LocationRange, Product, Signature } from '../model/knowledge.ts';
import type { ArticleInput } from './schema.ts';

type Report = (path: (string | number)[], message: string, tip?: string) => void;

/** Checks one signature (frames normalized, program frames among them, locations sane). */
export function buildSignature(
  s: ArticleInput['signatures'][number],
  products: Map<string, Product>,
  report: Report,
): Signature | null {
  let ok = true;
  const fail: Report = (path, m, tip) => {
    ok = false;
    report(path, m, tip);
  };
  if (s.error !== undefined && !/^(fatal error|panic): \S/.test(s.error)) {
    fail(['error'], `"${s.error}" is not a Go crash header`, 'start it with "fatal error: " or "panic: ", as the runtime prints it');
  }
  s.frames.forEach((f, i) => {
    const n = normalizeFrame(f);
    if (n !== f) fail(['frames', i], `frame is not normalized`, `write "${n}" (function name only, no arguments or paths)`);
  });
  s.program_frames.forEach((f, i) => {
    if (!s.frames.includes(f)) fail(['program_frames', i], `"${f}" is not one of the signature's frames`, 'copy it from frames');
  });
  const locations = (s.locations ?? []).map((loc, i) => {
    if (!s.frames.includes(loc.frame)) fail(['locations', i, 'frame'], `"${loc.frame}" is not one of the signature's frames`);
    if (!products.has(loc.product)) fail(['locations', i, 'product'], `unknown product "${loc.product}"`);
    const lines: LocationRange[] = [];
    loc.lines.forEach((r, j) => {
      const from = semver.parse(r.from);
      const to = r.to === undefined ? undefined : semver.parse(r.to);
      if (!from || to === null || (to && semver.gt(from, to))) {
        fail(['locations', i, 'lines', j], `bad release range ${r.from} to ${r.to ?? '(open)'}`, 'use full versions with from <= to; leave out to while the range is open');
      } else lines.push(to ? { line: r.line, from, to } : { line: r.line, from });
    });
    return { frame: loc.frame, file: loc.file, product: loc.product, lines };
  });
  if (!ok) return null;
  const signature: Signature = { id: s.id, frames: s.frames, programFrames: s.program_frames, locations };
  if (s.error !== undefined) signature.error = s.error;
  return signature;
}
