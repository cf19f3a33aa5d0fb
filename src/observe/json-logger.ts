import { LogLevel, type Logger } from '@slack/bolt';

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 } as Record<LogLevel, number>;
/** Slack tokens and signing material never reach a log line. */
const SECRET = /\b(xox[abpors]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+)\b/g;

export function redact(text: string): string {
  return text.replace(SECRET, (t) => `${t.slice(0, 5)}…redacted`);
}

/** A structured (one JSON object per line) logger that Bolt can use too. */
export function jsonLogger(write: (line: string) => void = (l) => process.stderr.write(l), level: LogLevel = LogLevel.INFO): Logger {
  let current = level;
  let name = 'kb-bot';
  const log = (lvl: LogLevel, args: unknown[]) => {
    if (ORDER[lvl] < ORDER[current]) return;
    const [first, ...rest] = args;
    const fields = typeof first === 'object' && first !== null && !(first instanceof Error) ? (first as Record<string, unknown>) : undefined;
    const parts = (fields ? rest : args).map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : safeJson(a)));
    const entry = { level: lvl, name, time: new Date().toISOString(), msg: parts.join(' '), ...fields };
    write(`${redact(safeJson(entry))}\n`);
  };
  return {
    debug: (...a: unknown[]) => log(LogLevel.DEBUG, a),
    info: (...a: unknown[]) => log(LogLevel.INFO, a),
    warn: (...a: unknown[]) => log(LogLevel.WARN, a),
    error: (...a: unknown[]) => log(LogLevel.ERROR, a),
    setLevel: (l: LogLevel) => void (current = l),
    getLevel: () => current,
    setName: (n: string) => void (name = n),
  };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v, (_, x: unknown) => (x instanceof Error ? { name: x.name, message: x.message } : x)) ?? String(v);
  } catch {
    return String(v);
  }
}
