import { findArticleRefs, type ArticleIndex } from './find-article-refs.ts';
import { findVersions } from './find-versions.ts';
import { findRanges, type SpecMention } from './find-ranges.ts';
import { detectWants } from './detect-wants.ts';
import { detectCommand } from './detect-command.ts';
import { queryTerms } from './query-terms.ts';
import { readPaste, type PasteReader } from './read-paste.ts';
import type { ReadInput } from './merge-pastes.ts';
import { shortVersionsAfterNames } from '../versions/short-versions.ts';
import type { NameMention, ProductMention } from './find-products.ts';
import type { Query, VersionAsk } from '../model/query.ts';
import type { TextSource } from '../model/crash.ts';

export interface QueryParser extends PasteReader {
  matchNames: (text: string) => NameMention[];
  articleIndex: ArticleIndex;
}

/** How far after a version (or a list of them) a product name may stand to own it ("2.13.20 of TAS"). */
const TRAILING_GAP = /^\s*(?:,|\(|of|on|for|in|with|from|\s)*\s*$/i;
const LIST_GAP = /^\s*(?:,|;|\/|&|and|or|\+|\s)*\s*$/i;
/** Between other software's name and its version: "haproxy 2.8.3", "redis version 6.0.16", "nginx/1.25". */
const OTHER_GAP = /^\s*(?:[/:=@(-]|\bv\b|\bversion\b|\bver\b|\brelease\b|\bis\b|\bat\b|\bon\b|\bruns?\b|\bto\b|\bfrom\b|\bnow\b|\bonto\b|\bbumped\b|\bupgraded\b|\bmoved\b|\s)*\s*$/i;
/** Words that make a weak alias ("cf") name its product: a tile, a foundation, an Ops Manager slug. */
const WEAK_CONTEXT = /\b(?:tiles?|foundations?|opsman|ops[\s-]?manager|deployed[\s-]products|pivotal|\.pivotal|-build\.?\d|elastic runtime|application service)\b/i;
const WEAK_WINDOW = 48;

/**
 * The one parser from plain text to a Query. Adapters undo their own markup
 * first (Slack entities, mentions, links); this reads what people write in
 * incidents: product names (glued or not), versions, ranges and lists,
 * article ids and links, other software's versions, what is wanted (fix,
 * mitigation, summary, exposure), and pasted crashes. An input read
 * elsewhere (`read`: off the event loop, or a message merged with its files)
 * is not read again.
 */
export function parseQuery(parser: QueryParser, input: string, options: { sources?: TextSource[]; read?: ReadInput } = {}): Query {
  const { read } = options;
  const command = read ? null : detectCommand(input);
  const search = read ? null : /^\s*search\s+([\s\S]+)$/i.exec(input);
  // `read`: the input already read (big files, a big text read off the event loop); `input` is then its question.
  const paste = command === null && search === null ? (read ?? readPaste(input, parser, options.sources)) : null;
  const text = (paste ? paste.question : input).replace(/\s+/g, ' ').trim();
  const query: Query = {
    kind: command ?? (search ? 'search' : 'ask'),
    text: search ? (search[1] as string).replace(/\s+/g, ' ').trim() : text,
    articles: [],
    unknownArticles: [],
    products: [],
    versions: [],
    wants: [],
    otherSoftware: [],
    terms: [],
    paste: paste && (paste.paste.crashes.length > 0 || paste.paste.logs.length > 0) ? paste.paste : null,
    foundations: [],
  };
  if (query.kind !== 'ask') {
    if (query.kind === 'search') query.terms = queryTerms(query.text);
    return query;
  }

  const refs = findArticleRefs(text, parser.articleIndex);
  query.articles = refs.ids;
  query.unknownArticles = refs.unknown;
  const masked = blank(text, refs.spans);
  const names = parser.matchNames(masked).filter((n) => n.kind === 'other' || !n.weak || weakNamesProduct(masked, n));
  const specs = findRanges(masked, findVersions(blank(masked, names.map((n) => [n.start, n.end]))));

  const owned = new Set<NameMention>();
  specs.forEach((s, i) => {
    const owner = ownerOf(masked, s, i, specs, names);
    if (owner) owned.add(owner);
    if (owner?.kind === 'other') {
      if (!query.otherSoftware.some((o) => o.name === owner.name && o.version === s.spec.text)) query.otherSoftware.push({ name: owner.name, version: s.spec.text });
      return;
    }
    const ask: VersionAsk = { product: owner?.product.id ?? null, spec: s.spec };
    if (!query.versions.some((v) => v.product === ask.product && v.spec.text === ask.spec.text)) query.versions.push(ask);
  });
  // "nats v38", "nats-release 38": whole-number versions, for the products whose people write them so.
  const products = names.filter((n): n is ProductMention => n.kind === 'product');
  for (const short of shortVersionsAfterNames(masked, products)) {
    const mention = products.find((p) => p.product.id === short.product.id);
    if (mention) owned.add(mention);
    if (!query.versions.some((v) => v.product === short.product.id && v.spec.text === short.version.text)) query.versions.push({ product: short.product.id, spec: short.version });
  }
  for (const n of names) {
    if (n.kind === 'product' && !owned.has(n) && !query.products.includes(n.product.id) && !query.versions.some((v) => v.product === n.product.id)) {
      query.products.push(n.product.id);
    }
  }
  query.wants = detectWants(text);
  const rest = blank(masked, [...names.map((n): [number, number] => [n.start, n.end]), ...specs.map((s): [number, number] => [s.start, s.end])]);
  query.terms = queryTerms(rest);
  return query;
}

/**
 * The name that owns a version: other software right before it ("haproxy
 * 2.8.3"); else the nearest product name before it; else a product named
 * right after it or after the list it ends ("2.13.20 and 2.13.25 on TAS").
 */
function ownerOf(text: string, s: SpecMention, i: number, specs: SpecMention[], names: NameMention[]): NameMention | undefined {
  const before = [...names].reverse().find((n) => n.end <= s.start);
  const prevSpec = specs[i - 1];
  if (before?.kind === 'other') {
    if (OTHER_GAP.test(text.slice(before.end, s.start))) return before;
    // "haproxy 2.8.3 and 2.8.5": a list after other software's version stays that software's.
    if (prevSpec && prevSpec.start >= before.end && LIST_GAP.test(text.slice(prevSpec.end, s.start)) && OTHER_GAP.test(text.slice(before.end, specs.find((x) => x.start >= before.end)?.start ?? s.start))) return before;
  }
  const product = [...names].reverse().find((n): n is ProductMention => n.kind === 'product' && n.end <= s.start);
  const otherBetween = before?.kind === 'other' && product !== undefined && before.start > product.end;
  if (product && !otherBetween) return product;
  // A list of versions followed by its product: every version of the list takes it.
  let last = i;
  while (specs[last + 1] && LIST_GAP.test(text.slice((specs[last] as SpecMention).end, (specs[last + 1] as SpecMention).start))) last++;
  const end = (specs[last] as SpecMention).end;
  const after = names.find((n) => n.start >= end);
  if (after?.kind === 'product' && after.start - end <= 16 && TRAILING_GAP.test(text.slice(end, after.start))) return after;
  return undefined;
}

/** A weak alias ("cf") names its product only next to a word that makes it that product. */
function weakNamesProduct(text: string, n: ProductMention): boolean {
  const around = text.slice(Math.max(0, n.start - WEAK_WINDOW), n.end + WEAK_WINDOW);
  if (WEAK_CONTEXT.test(around)) return true;
  const strong = [n.product.short, ...n.product.aliases.filter((a) => !n.product.weakAliases.includes(a))];
  const lower = around.toLowerCase();
  return strong.some((a) => new RegExp(`(?<![\\w-])${a.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`).test(lower));
}

function blank(text: string, spans: readonly [number, number][]): string {
  let out = text;
  for (const [s, e] of spans) out = out.slice(0, s) + ' '.repeat(e - s) + out.slice(e);
  return out;
}
