/**
 * The most telling piece of a frame name to search raw bytes for: its last
 * name that starts with a capital (`HandleError` of
 * `….(*ErrorHandler).HandleError`), else its longest name. A capital first
 * letter keeps `Buffer.indexOf` fast, as it scans for the first byte.
 */
export function frameAnchor(frame: string): string {
  const names = (frame.split('/').pop() ?? '').split(/[.()*[\]]+/).filter((n) => n.length > 0);
  const capital = [...names].reverse().find((n) => /^[A-Z]/.test(n) && n.length >= 6);
  return capital ?? names.sort((a, b) => b.length - a.length)[0] ?? '';
}
