/** Words that say nothing about which article is meant. */
const STOP = new Set(
  ('a an and are as at be but by can do does for from has have how i if in into is it its kb me my no not of on or our ' +
    'so that the their them then there these they this to was we were what when where which while who why will with you ' +
    'your any get got see seeing say says said about affected issue problem article known help please hi hello hey').split(' '),
);

/**
 * Lower-cased words of 2 to 40 letters or digits, stop words out, at most 32
 * (a query, not a document). Longer "words" are pasted noise, and lunr's
 * stemmer and fuzzy matcher slow down badly on them.
 */
export function searchTokens(text: string): string[] {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2 && w.length <= 40 && !STOP.has(w));
  return [...new Set(words)].slice(0, 32);
}
