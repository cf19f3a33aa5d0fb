/**
 * Plain text from Slack message text: links keep their label, user and
 * channel mentions and special mentions go, entities are decoded and mrkdwn
 * emphasis markers around words are dropped. Code stays as text. Slack
 * escapes `<` and `>` inside entities, so none spans a `<`: `[^<>]` keeps
 * every pattern from rescanning the text after each unclosed `<`.
 */
export function cleanSlackText(text: string): string {
  return decodeSlackEntities(
    text
      .replace(/<@[A-Z0-9]+(?:\|[^<>]*)?>/g, ' ')
      .replace(/<#[A-Z0-9]+\|([^<>]*)>/g, '#$1')
      .replace(/<![^<>]*>/g, ' ')
      .replace(/<((?:https?|mailto):[^<>|]*)\|([^<>]*)>/g, '$2')
      .replace(/<((?:https?|mailto):[^<>|]*)>/g, '$1'),
  )
    .replace(/```/g, '\n')
    .replace(/`/g, ' ')
    .replace(/(^|[\s(])[*_~]+(?=[^\s*_~])/g, '$1')
    .replace(/(?<=[^\s*_~])[*_~]+(?=[\s).,:;!?]|$)/gm, '');
}

/** Slack escapes exactly `&`, `<` and `>` in message text. */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&(lt|gt|amp);/g, (_, e: string) => (e === 'lt' ? '<' : e === 'gt' ? '>' : '&'));
}
