/** `help`, `list` and a thank-you, however people phrase them; null for anything else. */
export function detectCommand(text: string): 'help' | 'list' | 'thanks' | null {
  // A command is a few words; anything longer is not one (and is never run through the patterns below).
  const trimmed = text.trim();
  if (trimmed.length > 80) return null;
  const t = trimmed.toLowerCase().replace(/[!?.\s]+$/g, '').trim();
  // A bare mention ("@kb-bot" and nothing else, once the mention is taken out): what can I ask?
  if (trimmed === '' || /^[?!.\s]*$/.test(trimmed) || /^(?:hi|hello|hey|yo|ping|anyone there)$/.test(t)) return 'help';
  if (/^(?:help|\?|usage|commands|how do i use (?:you|this|kb-?bot)|what can you do|what do you do|how does this work)$/.test(t)) return 'help';
  if (/^(?:list|ls|articles|list articles|show articles|all articles|what do you know|which (?:articles|issues) do you know)$/.test(t)) return 'list';
  if (/^(?:(?:ok(?:ay)?|great|perfect|awesome|nice|cool|got it|understood|that helps|helpful|brilliant)[,!.\s]*)*(?:thanks?(?: (?:a lot|so much|again|mate|all|kb-?bot|for (?:the|your) help))?|thank you(?: (?:so much|very much|again))?|thx|ty|tysm|cheers|much appreciated|appreciated)?(?:[,!.\s]*(?:👍|🙏|:\+1:|:pray:|:thumbsup:))*$/u.test(t) && t.length > 0 && /\p{L}|👍|🙏|:\+1:|:pray:|:thumbsup:/u.test(t)) return 'thanks';
  return null;
}
