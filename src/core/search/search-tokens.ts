/** Words that say nothing about which article is meant. */
const STOP = new Set(
  ('a an and are as at be but by can do does for from has have how i if in into is it its kb me my no not of on or our ' +
    'so that the their them then there these they this to was we were what when where which while who why will with you ' +
    'your any get got see seeing say says said about affected issue problem article known help please hi hello hey').split(' '),
);

/**
 * Everyday words of incident chatter that name no issue. They matter beyond
 * speed: a word the knowledge base has never seen counts against an article's
 * relevance (it may be the very thing the question is about), so "lots",
 * "today" or "idea" must not look like unknown technical terms.
 */
const CHATTER = new Set(
  ('again all also always anyone anything around bit can\'t cannot could did didn\'t doesn\'t don\'t each else even ever every ' +
    'few going gone guys happen happened happening happens hour hours idea just keep know lately like likely looks lot lots ' +
    'maybe might minute minutes more most much must need needs now often one only other others our ours over pretty quite ' +
    'really seem seems should since some someone something sometimes still such sure team thanks thing things think ' +
    'though today tonight too trying two us very want way week weeks would yesterday yet ' +
    // what a question asks for, not what it is about (issue words are in STOP)
    'fix fixes fixed fixing version versions exposed safe vulnerable patched workaround workarounds mitigate mitigation').split(' '),
);

/**
 * Lower-cased words of 2 to 40 letters or digits, stop words out, at most 32
 * (a query, not a document). Longer "words" are pasted noise, and lunr's
 * stemmer and fuzzy matcher slow down badly on them.
 */
export function searchTokens(text: string): string[] {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2 && w.length <= 40 && !STOP.has(w) && !CHATTER.has(w));
  return [...new Set(words)].slice(0, 32);
}
