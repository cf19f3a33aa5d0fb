import { searchTokens } from '../search/search-tokens.ts';

/**
 * Words that say how the asker feels about an issue, not which issue it is:
 * they never select an article by themselves ("are we exposed?", "is there a fix?").
 */
const GENERIC = new Set(
  ('exposed exposure affected affect affects affecting impacted impact hit hits safe ok okay fine vulnerable vulnerability ' +
    'fix fixes fixed fixing patch patched patches upgrade upgraded upgrades version versions release releases build ' +
    'issue issues problem problems bug bugs known kb article articles running run runs use using we us our ours ' +
    'still also now yet today currently anything something mitigate mitigation mitigations workaround workarounds ' +
    'what which where when how does did should could would can need needs tell explain summary more info details ' +
    'out in up down off over there here thanks thank cheers please pls plz hi hey hello yes no yeah nope lol ah oh so well ' +
    'one two three idea thing things stuff seeing seen happening happens happened happen keep keeps kept again some all ' +
    'every many much very really just like looks look looking getting going know knows think guess sure maybe probably ' +
    'check checking checked question quick mean means today yesterday since after before during started start starting ' +
    'began each only other another same different new old front behind side team folks guys anyone someone everyone ' +
    'think seems seem show shows tell give lot lots bit little big huge service services app apps application applications ' +
    'link links url cve cves ghsa advisory advisories id ids number reference source').split(' '),
);

/** The words of a question that can describe an issue: search words minus the generic ones. */
export function queryTerms(text: string): string[] {
  return searchTokens(text).filter((t) => !GENERIC.has(t));
}
