/** Slack mrkdwn needs exactly `&`, `<` and `>` escaped; everything else is text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
