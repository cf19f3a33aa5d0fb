import type { KnownBlock } from './block-types.ts';

/** Slack's limits for a message's blocks (https://api.slack.com/reference/block-kit). */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  contextElements: 10,
  actionsElements: 25,
  /** Slack rejects messages whose blocks are too large; keep well under it. */
  totalChars: 12_000,
} as const;

/**
 * Makes any list of blocks fit Slack's limits: cuts texts that are too long
 * (saying so), drops blocks from the end, and ends with a note when anything
 * was left out. Never throws.
 */
export function fitBlocks(blocks: KnownBlock[], moreNote = 'More in the article.'): KnownBlock[] {
  const fitted = blocks.map(fitOne);
  const note: KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: `_…${moreNote}_` }] };
  let out = fitted.slice(0, LIMITS.blocks);
  let cut = out.length < fitted.length;
  // Sizes are measured once per block; the list only shrinks from the end.
  const sizes = out.map((b) => size([b]) + 1);
  let total = sizes.reduce((a, b) => a + b, 1);
  const room = LIMITS.totalChars - size([note]);
  while (out.length > 1 && (total > room || (cut && out.length >= LIMITS.blocks))) {
    total -= sizes[out.length - 1] ?? 0;
    out = out.slice(0, -1);
    cut = true;
  }
  return cut ? [...out, note] : out;
}

function fitOne(b: KnownBlock): KnownBlock {
  switch (b.type) {
    case 'header':
      return { ...b, text: { ...b.text, text: clip(b.text.text, LIMITS.header) } };
    case 'section': {
      const s = { ...b };
      if (s.text) s.text = { ...s.text, text: clip(s.text.text, LIMITS.sectionText) };
      if (s.fields) s.fields = s.fields.slice(0, 10).map((f) => ({ ...f, text: clip(f.text, 2000) }));
      return s;
    }
    case 'context':
      return { ...b, elements: b.elements.slice(0, LIMITS.contextElements).map((e) => ('text' in e && typeof e.text === 'string' ? { ...e, text: clip(e.text, 2000) } : e)) };
    case 'actions':
      return {
        ...b,
        elements: b.elements.slice(0, LIMITS.actionsElements).map((e) =>
          e.type === 'button'
            ? { ...e, text: { ...e.text, text: clip(e.text.text, LIMITS.buttonText) }, ...(e.value !== undefined ? { value: e.value.slice(0, LIMITS.buttonValue) } : {}) }
            : e,
        ),
      };
    default:
      return b;
  }
}

/** Cuts text to at most `max` characters, ending with "…", never inside an escape, fences kept closed. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let body = text.slice(0, max - 5); // room for "…" and a closing "\n```"
  const amp = body.lastIndexOf('&');
  if (amp >= 0 && !body.slice(amp).includes(';')) body = body.slice(0, amp);
  const openFence = (body.match(/```/g) ?? []).length % 2 === 1;
  return `${body}…${openFence ? '\n```' : ''}`;
}

function size(blocks: KnownBlock[]): number {
  return JSON.stringify(blocks).length;
}
