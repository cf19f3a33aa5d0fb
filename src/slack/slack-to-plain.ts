/**
 * Plain text from Slack message text, undoing Slack's own markup before the
 * core sees it: links keep their label (or become the bare URL), user and
 * channel mentions and special mentions go, `&amp;` `&lt;` `&gt;` are decoded,
 * code fences become line breaks and mrkdwn emphasis around words is dropped.
 * Code stays as text, so a pasted trace survives. Slack escapes `<` and `>`
 * inside entities, so none spans a `<`: `[^<>]` keeps each pattern from
 * rescanning the rest of the text after every unclosed `<` (linear on any input).
 */
export function slackToPlain(text: string): string {
  return decodeCopiedQuotes(decodeSlackEntities(
    text
      .replace(/<@[A-Z0-9]+(?:\|[^<>]*)?>/g, ' ')
      .replace(/<#[A-Z0-9]+\|([^<>]*)>/g, '#$1')
      .replace(/<![^<>]*>/g, ' ')
      .replace(/<((?:https?|mailto):[^<>|]*)\|([^<>]*)>/g, (_, url: string, label: string) => (label.trim() === '' || /^https?:/.test(label) ? url : `${label} (${url})`))
      .replace(/<((?:https?|mailto):[^<>|]*)>/g, '$1'),
  )
    // Code (fenced or inline) stays as it is — `(*ErrorHandler)` in a trace is not emphasis.
    .split(/(```[\s\S]*?(?:```|$)|`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 0 ? unemphasize(part) : part.startsWith('```') ? `\n${part.replace(/^```|```$/g, '')}\n` : ` ${part.slice(1, -1)} `))
    .join(''));
}

/** Drops mrkdwn emphasis markers around words: `*TAS 3.0.12*`, `_TAS_`, `~2.13.20~`. */
function unemphasize(text: string): string {
  return text.replace(/(^|\s)[*_~]+(?=[^\s*_~])/g, '$1').replace(/(?<=[^\s*_~(])[*_~]+(?=[\s).,:;!?]|$)/gm, '');
}

/** Quotes a log line keeps from an HTML log viewer it was copied from (`&quot;chunked&quot;`), read as quotes. */
function decodeCopiedQuotes(text: string): string {
  return text.replace(/&(?:quot|#34|#x22);/g, '"').replace(/&(?:apos|#39|#x27);/g, "'");
}

/** Slack escapes exactly `&`, `<` and `>` in message text. */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&(lt|gt|amp);/g, (_, e: string) => (e === 'lt' ? '<' : e === 'gt' ? '>' : '&'));
}
