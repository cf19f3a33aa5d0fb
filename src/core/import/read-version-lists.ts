import { parseVersion } from '../versions/parse-version.ts';
import type { ProductMention } from '../query/find-products.ts';
import type { Product } from '../model/knowledge.ts';

export type ListKind = 'affected' | 'fixed';

export interface ListedVersion {
  kind: ListKind;
  product: Product;
  version: string;
  /** "2.11.36+": and later on that line. */
  plus: boolean;
  /** A closed range "2.11.36 - 2.11.41" ends here. */
  to?: string;
}

const BULLET = /^\s*(?:[•*·\-–]|\d+[.)])\s+(.*)$/;
const FIX_WORDS = /\b(?:patch|patched|fix|fixed|fixes|resolved|resolves|contain the (?:patch|fix))\b/i;
const AFFECTED_WORDS = /\b(?:affected|affects|impacted|impacts|compiled with|vulnerable|introduced|contain a routing release)\b/i;

/**
 * Reads the version lists of a vendor article: a product name on its own line,
 * then bullets such as "• 2.11.36+". Whether a list is affected or fixed comes
 * from the sentence that introduces it. Anything that cannot be read is
 * reported, never dropped.
 */
export function readVersionLists(
  lines: string[],
  matchProducts: (text: string) => ProductMention[],
): { versions: ListedVersion[]; problems: string[] } {
  const versions: ListedVersion[] = [];
  const problems: string[] = [];
  let kind: ListKind | null = null;
  let product: Product | null = null;
  let heading: string | null = null;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const bullet = BULLET.exec(raw);
    if (!bullet) {
      if (FIX_WORDS.test(line) && line.endsWith(':')) kind = 'fixed';
      else if (AFFECTED_WORDS.test(line) && line.endsWith(':')) kind = 'affected';
      const mention = matchProducts(line)[0];
      const isHeading = line.length < 80 && !line.endsWith('.') && !line.endsWith(':') && nextIsBullet(lines, i);
      if (isHeading) {
        heading = line;
        product = mention && mention.text.length >= line.replace(/\breleases?\b/i, '').trim().length * 0.5 ? mention.product : null;
        if (!product) problems.push(`line ${i + 1}: "${line}" heads a version list but is not a product in products.yml; its versions were not imported`);
      } else if (!nextIsBullet(lines, i)) {
        heading = null;
        product = null;
      }
      return;
    }
    if (heading === null) return;
    const item = (bullet[1] ?? '').trim();
    const range = /^v?(\d+\.\d+\.\d+)\s*(?:-|–|to)\s*v?(\d+\.\d+\.\d+)$/.exec(item);
    const single = /^v?(\d+\.\d+\.\d+)(\+|\s+and\s+later)?$/i.exec(item);
    if (!product) return;
    if (kind === null) {
      problems.push(`line ${i + 1}: the list under "${heading}" is not introduced as affected or fixed; it was not imported`);
      return;
    }
    if (range && parseVersion(range[1] as string) && parseVersion(range[2] as string)) {
      versions.push({ kind, product, version: range[1] as string, plus: false, to: range[2] as string });
    } else if (single && parseVersion(single[1] as string)) {
      versions.push({ kind, product, version: single[1] as string, plus: single[2] !== undefined });
    } else {
      problems.push(`line ${i + 1}: "${item}" under "${heading}" is not a version kb-bot can read`);
    }
  });
  return { versions, problems };
}

function nextIsBullet(lines: string[], i: number): boolean {
  for (let j = i + 1; j < lines.length && j < i + 3; j++) {
    if ((lines[j] ?? '').trim() === '') continue;
    return BULLET.test(lines[j] ?? '');
  }
  return false;
}
