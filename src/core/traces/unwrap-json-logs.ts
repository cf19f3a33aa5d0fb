/**
 * Log shippers wrap every line in a JSON record (`{"time":…,"message":"…"}`),
 * sometimes JSON in JSON, with the trace's newlines and tabs escaped. This
 * turns each such line back into the text it carries — only the message
 * fields (`message`, `msg`, `log`, …): a field such as `error` that merely
 * mentions a crash header is not a crash. Lines that are not JSON stay as
 * they are. `origin[i]` is the 1-based input line that decoded line `i` came
 * from, so evidence points at the line the user pasted.
 */
export function unwrapJsonLogs(lines: readonly string[]): { lines: string[]; origin: number[] } | null {
  let out: string[] | null = null;
  let origin: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const decoded = line.length <= MAX_RECORD && line.includes('{"') ? messageOf(line) : null;
    if (decoded !== null && out === null) {
      out = lines.slice(0, i) as string[];
      origin = out.map((_, j) => j + 1);
    }
    if (out === null) continue;
    if (decoded === null) {
      out.push(line);
      origin.push(i + 1);
    } else {
      for (const part of decoded.split(/\r\n|\r|\n/)) {
        out.push(part);
        origin.push(i + 1);
      }
    }
  }
  return out === null ? null : { lines: out, origin };
}

/** Fields that carry a record's text, in the order log shippers use them. */
const MESSAGE_FIELDS = ['message', 'msg', 'log', 'text', '@message', 'MESSAGE', 'Message', 'line', 'stack', 'stacktrace', 'stack_trace'];
const MAX_RECORD = 1 << 20;
const MAX_DEPTH = 3;

/** The text of a JSON log record on one line (after an optional prefix), or null when it is not one. */
function messageOf(line: string): string | null {
  const start = line.indexOf('{');
  if (start < 0 || start > 400) return null;
  const body = line.slice(start).trim();
  if (!body.endsWith('}')) return null;
  return textOf(parse(body), 0);
}

function textOf(record: unknown, depth: number): string | null {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return null;
  const fields = record as Record<string, unknown>;
  for (const name of MESSAGE_FIELDS) {
    const v = fields[name];
    if (typeof v === 'string') {
      const inner = depth < MAX_DEPTH && v.trimStart().startsWith('{') ? textOf(parse(v.trim()), depth + 1) : null;
      return inner ?? v;
    }
    if (v !== null && typeof v === 'object') {
      const inner = depth < MAX_DEPTH ? textOf(v, depth + 1) : null;
      if (inner !== null) return inner;
    }
  }
  // A record with no message field carries no text to read; its other fields are data.
  return '';
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
