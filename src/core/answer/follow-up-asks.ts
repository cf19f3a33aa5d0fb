import { articleLabel } from '../model/article-label.ts';
import { compareLines } from '../versions/line-of.ts';
import { rememberedAsks } from './next-conversation.ts';
import { claimsBareVersion } from '../versions/product-version.ts';
import type { Conversation, Query, VersionAsk } from '../model/query.ts';
import type { Prepared } from './prepare.ts';

export interface FollowUpAsks {
  /** Asked of every article. */
  asks: VersionAsk[];
  /** Asked of the lead article only: its table, line by line ("which version fixes it?", "and IST?"). */
  leadAsks: VersionAsk[];
  /** `asks` came from the thread, not the question: other articles count only when they are affected. */
  remembered: boolean;
  notices: string[];
}

/**
 * The versions to answer for a question read against its thread: what the
 * question asks, filled in from what the thread already named. "what about
 * 3.0.12?" takes the thread's product; "and IST?" and "which version fixes
 * it?" answer the thread's article line by line, and the versions the thread
 * asked about again.
 */
export function followUpAsks(kb: Prepared, query: Query, conversation: Conversation, lead: string | null): FollowUpAsks {
  const out: FollowUpAsks = { asks: [], leadAsks: [], remembered: false, notices: [] };
  const threadProducts = conversation.products.filter((p) => kb.products.has(p));
  if (query.versions.length > 0) {
    const read: string[] = [];
    out.asks = query.versions.flatMap((ask) => {
      if (ask.product !== null || query.products.length > 0 || threadProducts.length === 0) return [ask];
      // A bare version in a thread about a product is that product's, when it can be one of its versions.
      const probe = ask.spec.kind === 'range' ? { kind: 'full' as const, version: ask.spec.from, text: ask.spec.from.version } : ask.spec;
      const fitting = threadProducts.filter((p) => {
        const product = kb.products.get(p);
        return product !== undefined && claimsBareVersion(product, probe);
      });
      for (const p of fitting) read.push(`${kb.products.get(p)?.short ?? p} ${ask.spec.text}`);
      return fitting.length > 0 ? fitting.map((product) => ({ ...ask, product, fromContext: true })) : [ask];
    });
    if (read.length > 0) out.notices.push(`Read as ${listOf(read)}: the product${threadProducts.length === 1 ? '' : 's'} this thread is about; name the product to ask about another.`);
    return out;
  }
  const remembered = rememberedAsks(conversation);
  const article = lead === null ? undefined : kb.articles.get(lead);
  const tableOf = (products: readonly string[]) =>
    products.flatMap((product) =>
      [...(article?.affected.get(product)?.lines.keys() ?? [])].sort(compareLines).map((line): VersionAsk => ({ product, spec: { kind: 'line', line, text: line } })),
    );

  // A paste is answered with its match and where that is fixed; a product named around it is context, not a question.
  if (query.paste && !query.wants.includes('fix') && !query.wants.includes('exposure')) return out;
  if (query.products.length > 0) {
    // "and IST?": the thread's article for that product, line by line; the thread's versions' lines for every article.
    if (article) out.leadAsks = tableOf(query.products.filter((p) => article.affected.has(p)));
    for (const p of query.products) {
      const product = kb.products.get(p);
      if (article && !article.affected.has(p)) out.notices.push(`${articleLabel(article.id)} does not cover ${product?.short ?? p}.${product?.note ? ` ${product.note}` : ''}`);
    }
    // "is TAS 2.13.20 affected?" then "what about IST?": IST's 2.13 line, never IST 2.13.20 — each tile numbers its own
    // patches (the catalog says so), so a TAS patch is no IST patch; the reply asks which one they run.
    const lines = [...new Set(remembered.flatMap((r) => (r.spec.kind === 'full' ? [`${r.spec.version.major}.${r.spec.version.minor}`] : r.spec.kind === 'line' ? [r.spec.line] : [])))];
    const patchOf: string[] = [];
    out.asks = query.products.flatMap((product) => {
      const p = kb.products.get(product);
      const own = lines.filter((l) => p?.lines.includes(l));
      if (p && remembered.some((r) => r.spec.kind === 'full' && r.product !== product)) patchOf.push(...own.map((l) => `${p.short} ${l}`));
      return own.map((line): VersionAsk => ({ product, spec: { kind: 'line', line, text: line }, fromContext: true }));
    });
    if (patchOf.length > 0) out.notices.push(`Answered for the ${listOf(patchOf)} line: each product numbers its own patches, so ask with your ${listOf(patchOf)} patch for its own verdict.`);
    out.remembered = out.asks.length > 0;
    if (!article && out.asks.length === 0 && query.wants.length === 0) {
      const names = query.products.map((p) => kb.products.get(p)?.short ?? p);
      out.notices.push(`Which ${names.join(' or ')} version? Ask e.g. "${names[0]} ${exampleVersion(kb, query.products[0] as string)}", or name an issue.`);
    }
    return out;
  }
  // With no issue in view, "how do we mitigate?" needs to know what affects the thread's versions first.
  const wantsVersions = query.wants.includes('fix') || query.wants.includes('exposure') || (!article && query.wants.includes('mitigation'));
  if (!wantsVersions) return out;
  out.asks = remembered;
  out.remembered = remembered.length > 0;
  if (article) {
    // The products the thread is about (and the components inside them), else every product of the article.
    const first = threadProducts.filter((p) => article.affected.has(p));
    const components = [...article.affected.keys()].filter((p) => kb.products.get(p)?.scheme === 'single' && !first.includes(p));
    out.leadAsks = tableOf(first.length > 0 ? [...first, ...components] : [...article.affected.keys()]);
  }
  return out;
}

function exampleVersion(kb: Prepared, product: string): string {
  const p = kb.products.get(product);
  const line = p?.lines[Math.floor((p.lines.length - 1) / 2)] ?? '1.0';
  return p?.scheme === 'single' ? '0.280.0' : `${line}.20`;
}

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
