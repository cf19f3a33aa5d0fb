import type { TextSource } from '../model/crash.ts';

export type { TextSource } from '../model/crash.ts';

/** "app.log line 2,002" for a line of the whole text; "line 3" within an unnamed part. */
export function lineLabel(sources: readonly TextSource[], line: number): string {
  const s = find(sources, (x) => x.line <= line);
  const n = s ? line - s.line + 1 : line;
  return s?.name ? `${s.name} line ${n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}` : `line ${n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** "app.log, excerpt at byte 449,343" for an excerpt of a large whole text (its line follows). */
export function excerptLabel(sources: readonly TextSource[], byte: number): string {
  const s = find(sources, (x) => x.byte <= byte);
  const at = `excerpt at byte ${(s ? byte - s.byte : byte).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
  return s?.name ? `${s.name}, ${at}` : at;
}

/** The last source that starts at or before the position (sources are in order). */
function find(sources: readonly TextSource[], starts: (s: TextSource) => boolean): TextSource | undefined {
  let found: TextSource | undefined;
  for (const s of sources) {
    if (!starts(s)) break;
    found = s;
  }
  return found;
}
