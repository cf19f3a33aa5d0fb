/**
 * Turns a Go traceback function line into the function name used for
 * grouping: arguments, addresses, `(...)`, goroutine ids and vendored path
 * prefixes go; receiver types, closures (`func1`, `gowrap1`) and generic
 * brackets stay. Bump NORMALIZER_VERSION whenever the output changes for any
 * input, so a change in grouping is a deliberate, visible step.
 */
export const NORMALIZER_VERSION = 1;

/** Strips the argument list from `pkg.(*T).M(0xc0?, {…})`; returns the name. */
export function normalizeFrame(line: string): string {
  let name = line.trim();
  if (name.startsWith('created by ')) name = name.slice('created by '.length);
  name = name.replace(/ in goroutine \d+$/, '');
  // Drop the trailing argument list: the last "(" whose group closes the line.
  if (name.endsWith(')')) {
    const open = argumentListStart(name);
    if (open > 0) name = name.slice(0, open);
  } else if (name.endsWith('(...')) {
    name = name.slice(0, -4);
  }
  // Generic instantiations print their type arguments or `[...]`; keep one form.
  name = name.replace(/\[[^\][]*\]/g, '[...]');
  // Vendored copies are the same code: .../vendor/net/http -> net/http.
  const vendor = name.lastIndexOf('/vendor/');
  if (vendor >= 0) name = name.slice(vendor + '/vendor/'.length);
  return name;
}

/**
 * The index of the "(" that opens the argument list ending the line, or -1.
 * Receiver groups such as `(*ErrorHandler)` are followed by a ".", which is how
 * they differ from an argument list.
 */
export function argumentListStart(s: string): number {
  let depth = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c === 41 /* ) */) depth++;
    else if (c === 40 /* ( */) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
