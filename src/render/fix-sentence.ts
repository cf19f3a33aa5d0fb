import { articleLabel } from '../core/model/article-label.ts';
import { shortName } from './verdict-line.ts';
import type { Answer, FixLine } from '../core/model/answer.ts';

/**
 * Where an article is fixed, in the products operators install, with the
 * component release beside it: "KB 298398 is fixed in TAS 2.11.52, 2.13.34,
 * 4.0.16, 5.0.6 (no fix on 3.0); IST … — routing-release 0.288.0." `only`
 * keeps the tiles to the products asked about (components always show).
 */
export function fixSentence(a: Answer, article: string, only?: ReadonlySet<string>): string | null {
  const rows = a.fixes.filter((f) => f.article === article);
  if (rows.length === 0) return null;
  const byProduct = new Map<string, FixLine[]>();
  for (const r of rows) byProduct.set(r.product, [...(byProduct.get(r.product) ?? []), r]);
  const tiles: string[] = [];
  const components: string[] = [];
  for (const [product, lines] of byProduct) {
    const kind = a.products.find((p) => p.id === product)?.kind ?? 'tile';
    if (kind === 'tile' && only && only.size > 0 && !only.has(product)) continue;
    const fixed = lines.flatMap((l) => (l.fixedIn ? [l.fixedIn] : l.laterLines ? [`every line from ${l.line} on`] : l.vague ? [`a ${l.line} patch (not named: check its release notes)`] : []));
    const after = lines.flatMap((l) => (!l.fixedIn && l.lastAffected ? [l.lastAffected] : []));
    const none = spanOf(lines.filter((l) => !l.fixedIn && !l.lastAffected && !l.laterLines && !l.vague).map((l) => l.line));
    const name = shortName(a, product);
    const parts: string[] = [];
    if (fixed.length > 0) parts.push(`${name} ${fixed.join(', ')}`);
    if (after.length > 0) parts.push(`${fixed.length > 0 ? '' : `${name} `}after ${after.join(', ')} (the last affected patch${after.length === 1 ? '' : 'es'}; the first fixed one${after.length === 1 ? ' is' : 's are'} not named)`);
    let part = parts.join('; ');
    if (part === '') part = `${name}: no fixed version`;
    else if (none.length > 0) {
      const newer = lines.filter((l) => l.fixedIn && lineAfter(l.line, none[none.length - 1] as string)).map((l) => l.fixedIn as string);
      part += ` (no fix on ${none.join(', ')}${newer.length > 0 ? `: move to ${newer.join(' or ')}` : ''})`;
    }
    (kind === 'component' ? components : tiles).push(part);
  }
  const all = [...tiles, ...components];
  if (all.length === 0 || all.every((p) => p.endsWith('no fixed version'))) {
    // A component's one table with no fix ("nats v34 and v38"): which releases it names, since no fix can be.
    const said = rows.filter((r) => r.spans && (a.products.find((p) => p.id === r.product)?.kind ?? 'tile') === 'component');
    const spans = said.length > 0 && said.length <= 2 ? ` — ${said.map((r) => `${shortName(a, r.product)}: ${(r.spans as string[]).join('; ')}`).join('; ')}` : '';
    return `${articleLabel(article)} names no fixed version${spans}.`;
  }
  return `${articleLabel(article)} is fixed in ${tiles.join('; ')}${tiles.length > 0 && components.length > 0 ? ' — ' : ''}${components.join('; ')}.`;
}

/** "TAS 2.11.52/2.13.34/4.0.16/5.0.6, IST 2.11.46/… — routing-release 0.288.0", or null when nothing is fixed. */
export function shortFix(a: Answer, article: string): string | null {
  const tiles: string[] = [];
  const components: string[] = [];
  const rows = a.fixes.filter((f) => f.article === article);
  for (const product of [...new Set(rows.map((r) => r.product))]) {
    const fixed = rows.filter((r) => r.product === product).flatMap((r) => (r.fixedIn ? [r.fixedIn] : r.laterLines ? [`${r.line}+`] : r.vague ? [`${r.line} (check its release notes)`] : []));
    if (fixed.length === 0) continue;
    const none = spanOf(rows.filter((r) => r.product === product && !r.fixedIn && !r.lastAffected && !r.laterLines && !r.vague).map((r) => r.line));
    const kind = a.products.find((p) => p.id === product)?.kind ?? 'tile';
    (kind === 'component' ? components : tiles).push(`${shortName(a, product)} ${fixed.join('/')}${none.length > 0 ? ` (none on ${none.join(', ')})` : ''}`);
  }
  if (tiles.length + components.length === 0) return null;
  return `${tiles.join(', ')}${tiles.length > 0 && components.length > 0 ? ' — ' : ''}${components.join(', ')}`;
}

/** "4.0" comes after "3.0", "2.13" after "2.9". */
function lineAfter(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d > 0;
  }
  return false;
}

/** Lines said briefly: up to three by name, more as "2.0 to 2.5". */
function spanOf(lines: string[]): string[] {
  return lines.length > 3 ? [`${lines[0]} to ${lines[lines.length - 1]}`] : lines;
}
