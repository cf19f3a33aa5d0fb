import { context, section } from './render-blocks.ts';
import { escapeMrkdwn as esc } from './escape-mrkdwn.ts';
import { clip, fitBlocks, LIMITS } from './fit-blocks.ts';
import type { Button, KnownBlock } from './block-types.ts';
import type { Answer } from '../core/model/answer.ts';

/** The action of a welcome message's example buttons: the button's value is the question. */
export const EXAMPLE_ACTION = 'kb_example';
/** Slack shows at most four suggested prompts. */
const MAX_PROMPTS = 4;

/** Suggested prompts for an assistant thread, from the live knowledge (so they never name a stale article). */
export function suggestedPrompts(examples: readonly string[]): { title: string; message: string }[] {
  return examples
    .slice(0, MAX_PROMPTS)
    .map((e) => ({ title: clip(e.charAt(0).toUpperCase() + e.slice(1), 60), message: e }));
}

/** The first message of a DM where the app is no assistant (from the `list` answer): what to ask, with the examples as buttons. */
export function renderWelcome(list: Answer): { text: string; blocks: KnownBlock[] } {
  const examples = list.examples.slice(0, MAX_PROMPTS);
  const buttons: Button[] = examples.map((e, i) => ({
    type: 'button',
    action_id: `${EXAMPLE_ACTION}_${i}`,
    text: { type: 'plain_text', text: clip(e, LIMITS.buttonText), emoji: true },
    value: e.slice(0, LIMITS.buttonValue),
  }));
  const text = `Hi, I'm kb-bot: I know ${list.cards.length} known issues of Cloud Foundry / Tanzu platforms. Ask whether a version is affected, paste a crash log or upload a .log file, or search.`;
  const blocks: KnownBlock[] = [
    section(`*Hi, I'm kb-bot.* I know ${list.cards.length} known issues of Cloud Foundry / Tanzu platforms.\nAsk whether a version is affected, paste a crash log or upload a \`.log\` file, or search — I answer in the thread. Try one:`),
    ...(buttons.length > 0 ? [{ type: 'actions', block_id: 'kb_welcome', elements: buttons } as KnownBlock] : []),
    // The buttons are the examples; the context says what else to type (a button's label may be cut, the example is whole here).
    context(`Also: ${examples.some((e) => e.length > LIMITS.buttonText) ? `${examples.filter((e) => e.length > LIMITS.buttonText).map((e) => `\`${esc(e)}\``).join(' · ')} · ` : ''}\`help\` · \`list\` · \`search <words>\``),
  ];
  return { text, blocks: fitBlocks(blocks) };
}
