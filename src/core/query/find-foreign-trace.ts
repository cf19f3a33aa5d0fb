/** A stack trace of a language other than Go: kb-bot's articles describe Go crashes and log lines, so it can only say what it is. */
export interface ForeignTrace {
  language: 'Java' | 'Python' | 'Rust' | 'Node.js' | '.NET' | 'Ruby';
  /** The exception or panic line, as written (cut to 200 characters). */
  header: string;
}

/** Read at most this much, line by line, each line cut: the patterns below never see more than one short line. */
const MAX_SCANNED = 256 * 1024;
const MAX_LINE = 400;

// Per line, anchored, no newline inside: linear in the input whatever it holds.
const KINDS: { language: ForeignTrace['language']; frame: RegExp; header: RegExp }[] = [
  { language: 'Java', frame: /^[ \t]*at [\w$.<>]+\((?:[\w$.-]+\.(?:java|kt|scala|groovy):\d+|Native Method|Unknown Source)\)/, header: /(?:Exception in thread "[^"]*" )?(?:Caused by: )?\b[a-z][\w$]*(?:\.[\w$]+)+(?:Exception|Error|Throwable)\b.*/ },
  { language: 'Python', frame: /^[ \t]*File "[^"]+", line \d+, in /, header: /^[\w.]*(?:Error|Exception|Interrupt|Exit)\b:?.*/ },
  { language: 'Rust', frame: /^thread '[^']*' panicked at /, header: /^thread '[^']*' panicked at .*/ },
  { language: 'Node.js', frame: /^[ \t]+at (?:[^()]+ \()?(?:file:\/\/|node:|\/)[^()]*\.[cm]?js:\d+:\d+\)?$/, header: /^(?:Uncaught )?[\w$]*Error(?: \[\w+\])?:.*/ },
  { language: '.NET', frame: /^[ \t]+at [\w.<>`]+\([^()]*\)(?: in .+:line \d+)?$/, header: /(?:Unhandled exception\. )?\bSystem\.[\w.]+Exception\b.*/ },
  { language: 'Ruby', frame: /^[ \t]*(?:from )?[\w/.-]+\.rb:\d+:in [`']/, header: /\.rb:\d+:in [`'].*\([\w:]+(?:Error|Exception)\)$/ },
];

/** The first foreign stack trace in a paste, or null (a Go traceback is never one: it is read elsewhere). */
export function findForeignTrace(text: string): ForeignTrace | null {
  const lines = (text.length > MAX_SCANNED ? text.slice(0, MAX_SCANNED) : text).split('\n').map((l) => (l.length > MAX_LINE ? l.slice(0, MAX_LINE) : l).replace(/\r$/, ''));
  for (const k of KINDS) {
    const frame = lines.find((l) => k.frame.test(l));
    if (frame === undefined) continue;
    const header = lines.map((l) => k.header.exec(l)?.[0]).find((h) => h !== undefined) ?? frame;
    return { language: k.language, header: header.trim().slice(0, 200) };
  }
  return null;
}
