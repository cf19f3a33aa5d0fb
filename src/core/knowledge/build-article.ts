import semver, { type SemVer } from 'semver';
import { articleSchema } from './schema.ts';
import { zodProblems, formatPath } from './zod-problems.ts';
import { lineOf, isLineId } from '../versions/line-of.ts';
import { buildSignature } from './build-signature.ts';
import type { Article, EventKind, Problem, Product, ProductTable, VersionEvent } from '../model/knowledge.ts';

const KINDS: EventKind[] = ['introduced', 'fixed', 'last_affected'];

/**
 * Validates one article file against the schema and the catalog, and builds
 * it. Returns every problem found, not the first; the article is null when
 * any problem was found.
 */
export function buildArticle(
  file: string,
  data: unknown,
  products: Map<string, Product>,
): { article: Article | null; problems: Problem[] } {
  const parsed = articleSchema.safeParse(data);
  if (!parsed.success) return { article: null, problems: zodProblems(file, parsed.error) };
  const a = parsed.data;
  const problems: Problem[] = [];
  const report = (path: (string | number)[], message: string, tip?: string) =>
    problems.push(tip === undefined ? { file, path: formatPath(path), message } : { file, path: formatPath(path), message, tip });

  const base = file.split('/').pop() ?? file;
  if (!base.startsWith(`${a.id}-`) && base !== `${a.id}.yml`) {
    report(['id'], `the file name does not start with the id "${a.id}"`, `name the file ${a.id}-<slug>.yml`);
  }

  const affected = new Map<string, ProductTable>();
  for (const [productId, table] of Object.entries(a.affected)) {
    const product = products.get(productId);
    if (!product) {
      report(['affected', productId], `unknown product "${productId}"`, `use a product id from products.yml: ${[...products.keys()].join(', ')}`);
      continue;
    }
    const lines = new Map<string, VersionEvent[]>();
    for (const [line, rawEvents] of Object.entries(table.lines)) {
      const path = ['affected', productId, 'lines', line];
      if (!isLineId(product.scheme, line) || !product.lines.includes(line)) {
        report(path, `"${line}" is not a known release line of ${product.short}`,
          product.scheme === 'minor'
            ? `quote line keys ("2.10": YAML reads 2.10 as 2.1); known lines: ${product.lines.join(', ')}`
            : `${product.short} has one line, "${product.lines[0]}"`);
        continue;
      }
      const events: VersionEvent[] = [];
      rawEvents.forEach((e, i) => {
        const kind = KINDS.find((k) => e[k] !== undefined) as EventKind;
        const raw = e[kind] as string;
        const version = semver.parse(raw);
        if (!version || version.build.length > 0) {
          report([...path, i, kind], `"${raw}" is not a full version`, 'write major.minor.patch, e.g. 2.13.34');
          return;
        }
        if (lineOf(product, version) !== line) {
          report([...path, i, kind], `${raw} is not on the ${line} line`, 'move it under the line it belongs to');
          return;
        }
        const event: VersionEvent = { kind, version };
        if (e.inferred !== undefined) event.inferred = e.inferred;
        if (e.note !== undefined) event.note = e.note;
        events.push(event);
      });
      checkEventOrder(events, (i, m, tip) => report([...path, i], m, tip));
      lines.set(line, events);
    }
    const built: ProductTable = { product: productId, lines };
    if (table.newer) {
      built.newer = { status: table.newer.status };
      if (table.newer.inferred !== undefined) built.newer.inferred = table.newer.inferred;
      if (table.newer.note !== undefined) built.newer.note = table.newer.note;
    }
    if (table.condition !== undefined) built.condition = table.condition;
    if (table.note !== undefined) built.note = table.note;
    affected.set(productId, built);
  }

  const signatureIds = new Set<string>();
  const signatures = a.signatures.flatMap((s, i) => {
    if (signatureIds.has(s.id)) report(['signatures', i, 'id'], `duplicate signature id "${s.id}"`);
    signatureIds.add(s.id);
    const built = buildSignature(s, products, (path, m, tip) => report(['signatures', i, ...path], m, tip));
    return built ? [built] : [];
  });

  if (problems.length > 0) return { article: null, problems };
  const article: Article = {
    id: a.id,
    title: a.title,
    url: a.url,
    draft: a.draft ?? false,
    aliases: a.aliases ?? [],
    components: a.components,
    tags: a.tags,
    summary: a.summary,
    symptoms: a.symptoms,
    cause: a.cause,
    mitigation: a.mitigation,
    resolution: a.resolution,
    affected,
    signatures,
    logLines: a.log_lines,
    links: a.links,
    source: file,
  };
  if (a.reviewed !== undefined) article.reviewed = a.reviewed;
  if (a.updated !== undefined) article.updated = a.updated;
  return { article, problems };
}

/**
 * Events on a line must rise strictly, and alternate sensibly: a fix cannot
 * come before anything was affected, nor two introductions in a row.
 */
function checkEventOrder(events: VersionEvent[], report: (i: number, message: string, tip?: string) => void): void {
  let previous: { kind: EventKind; version: SemVer } | undefined;
  events.forEach((e, i) => {
    if (previous && semver.lte(e.version, previous.version)) {
      report(i, `${e.kind} ${e.version.version} does not come after ${previous.kind} ${previous.version.version}`,
        'list events oldest first; a fix cannot precede its introduction');
    } else if (previous?.kind === e.kind && e.kind !== 'last_affected') {
      report(i, `two "${e.kind}" events in a row (${previous.version.version}, ${e.version.version})`,
        e.kind === 'introduced' ? 'add the fix between them, or drop the later one' : 'add the reintroduction between them, or drop the later one');
    } else if (e.kind === 'last_affected' && previous && previous.kind !== 'introduced') {
      report(i, `last_affected ${e.version.version} follows a "${previous.kind}" event`, 'last_affected closes a range opened by introduced');
    } else if (e.kind === 'fixed' && previous?.kind === 'last_affected' && semver.lte(e.version, previous.version)) {
      report(i, 'the fix must come after the last affected version');
    }
    previous = e;
  });
}
