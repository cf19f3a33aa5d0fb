/**
 * Every string one edit away from `word` (a letter deleted, inserted,
 * replaced, or two neighbours swapped), using the letters of `alphabet`:
 * about 2·|alphabet|·|word| strings, each then a Map lookup — cheaper than an
 * edit-distance automaton over the whole vocabulary, and nothing to build.
 */
export function edits1(word: string, alphabet: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail.length > 0) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + (tail[1] as string) + (tail[0] as string) + tail.slice(2));
    for (const c of alphabet) {
      if (tail.length > 0) out.add(head + c + tail.slice(1));
      out.add(head + c + tail);
    }
  }
  out.delete(word);
  return out;
}
