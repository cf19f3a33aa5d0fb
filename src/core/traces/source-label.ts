/**
 * One part of a text made of several (a message and its uploaded files): its
 * name and where it starts in the whole text, so evidence can say
 * "app.log line 2,002" rather than a line of the joined text.
 */
export interface TextSource {
  /** What to call it in evidence ("app.log"); empty for the message itself. */
  name: string;
  /** 1-based line of the whole text on which this part starts. */
  line: number;
  /** UTF-8 byte offset of the whole text at which this part starts. */
  byte: number;
}

/** "app.log line 2,002" for a line of the whole text; "line 3" within an unnamed part. */
export function lineLabel(sources: readonly TextSource[], line: number): string {
  const s = find(sources, (x) => x.line <= line);
  const n = s ? line - s.line + 1 : line;
  return s?.name ? `${s.name} line ${n.toLocaleString('en-US')}` : `line ${n.toLocaleString('en-US')}`;
}

/** "app.log, excerpt at byte 449,343, line 1" for an excerpt of a large whole text. */
export function excerptLabel(sources: readonly TextSource[], byte: number, line: number): string {
  const s = find(sources, (x) => x.byte <= byte);
  const at = `excerpt at byte ${(s ? byte - s.byte : byte).toLocaleString('en-US')}, line ${line}`;
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
