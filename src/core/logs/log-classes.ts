/**
 * The character classes of the log pattern language's run placeholders, and
 * the most characters each may take. Shaped placeholders (`ip`, `guid`) have
 * fixed forms instead.
 */
export const RUN_CLASSES = {
  int: { test: (c: number) => c >= 48 && c <= 57, max: 20, says: 'digits' },
  hex: { test: (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102), max: 64, says: 'hex digits' },
  word: { test: (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45, max: 128, says: 'letters, digits, _ and -' },
} as const;

export type RunClass = keyof typeof RUN_CLASSES;

export const PLACEHOLDERS = ['int', 'hex', 'word', 'ip', 'guid', 'any'] as const;

/** What may not follow a shaped placeholder (it would make the shape ambiguous). */
export const SHAPE_FOLLOW = {
  ip: (c: number) => c >= 48 && c <= 57,
  guid: (c: number) => RUN_CLASSES.hex.test(c) || c === 45,
} as const;

export function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}
