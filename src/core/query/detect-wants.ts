import type { Want } from '../model/query.ts';

const FIX = /\b(?:which|what)\s+(?:[\w.-]+\s+){0,3}?(?:version|release|patch|build|update)s?\b[^.?!]{0,40}?\b(?:fix\w*|patch\w*|resolv\w*|contain\w*|solv\w*|address\w*|has it|have it)|\b(?:what(?:'s| is| was| are)?|is there|are there|any|got|need|where(?:'s| is)?|when(?:'s| is)?)\s+(?:a |an |the )?(?:fix|fixes|patch|remediation|resolution|solution)\b|\bfix(?:ed)?\s+(?:in|on|version|release|by)\b|\bfix(?:es)? (?:for|it|this|that)\b|\b(?:where|when|which|what)\b[^.?!]{0,30}\b(?:fixed|patched)\b|\bupgrade (?:to|path|target)\b|\bwhat (?:should|do|can|must|shall) (?:we|i) (?:upgrade|patch|move)\b|\bhow (?:do|can|should|to|would) (?:we |i |you )?(?:fix|resolve|solve|remediate|patch)\b|\b(?:patched|fixed) versions?\b|\bremediat\w*|^\s*(?:(?:and|so|ok|okay|then|the|a|what about|how about)\s+)*(?:fix|fixes|patch|patches|resolution|upgrade)\s*\??\s*$/i;
const MITIGATION = /\b(?:mitigat\w*|workarounds?|work[\s-]?around|stop[\s-]?gap|band[\s-]?aid|in the meantime|meanwhile|temporar(?:y|ily)|short[\s-]?term|right now|until (?:we|i) (?:can )?(?:upgrade|patch)|what (?:can|should|do|could) (?:we|i) do|how (?:do|can|should|could) (?:we|i) (?:stop|avoid|prevent|handle|deal|survive|reduce|limit|contain|protect)|avoid (?:it|this)|prevent (?:it|this))\b/i;
const SUMMARY = /\b(?:what(?:'s| is| was) (?:it|this|that|the (?:issue|problem|bug|cause))|what does (?:it|this|that) (?:mean|do)|explain\w*|tell me (?:more|about)|more (?:info|information|details?)|summary|summari[sz]e|background|what happened|what(?:'s| is) going on)\b/i;
const CAUSE = /\b(?:root[\s-]?cause|what caused|what causes|what triggers|why (?:does|is|did|do|would|are|was)|how come|mechanism)\b/i;
const EXPOSURE = /\b(?:which|what) (?:of )?(?:our |my |the )?(?:foundations?|environments?|envs?|sites?|platforms?|fleet)\b|\b(?:our|my) (?:foundations?|fleet|environments?|envs?)\b|\bare (?:we|any of (?:ours|us)) (?:affected|exposed|vulnerable|impacted|hit|at risk|ok|safe|fine)\b|\bdoes (?:it|this) (?:hit|affect) (?:us|any of ours|our)\b|\bexposure\b/i;

/** What a question wants besides verdicts: the fix, the mitigation, what the issue is, our exposure. */
export function detectWants(text: string): Want[] {
  const wants: Want[] = [];
  if (FIX.test(text)) wants.push('fix');
  if (MITIGATION.test(text)) wants.push('mitigation');
  if (SUMMARY.test(text)) wants.push('summary');
  if (CAUSE.test(text)) wants.push('cause');
  if (EXPOSURE.test(text)) wants.push('exposure');
  return wants;
}
