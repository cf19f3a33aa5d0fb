import { articleSchema, FIELD_TIPS } from './schema.ts';
import { zodProblems, formatPath } from './zod-problems.ts';
import { buildSignature } from './build-signature.ts';
import { buildVersionTable } from './build-version-table.ts';
import { buildLogSignature } from './build-log-signature.ts';
import { checkAspectTable } from './check-aspect-table.ts';
import { checkExamples } from './check-examples.ts';
import type { Article, Aspect, Problem, Product, ProductTable, VerdictExample, VersionTable } from '../model/knowledge.ts';

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
  if (!parsed.success) return { article: null, problems: zodProblems(file, parsed.error, FIELD_TIPS) };
  const a = parsed.data;
  const problems: Problem[] = [];
  const report = (path: (string | number)[], message: string, tip?: string) =>
    problems.push(tip === undefined ? { file, path: formatPath(path), message } : { file, path: formatPath(path), message, tip });

  const base = file.split('/').pop() ?? file;
  if (!base.startsWith(`${a.id}-`) && base !== `${a.id}.yml`) {
    report(['id'], `the file name does not start with the id "${a.id}"`, `name the file ${a.id}-<slug>.yml`);
  }

  const aspects: Aspect[] = [];
  a.aspects.forEach((x, i) => {
    if (aspects.some((y) => y.id === x.id)) report(['aspects', i, 'id'], `duplicate aspect id "${x.id}"`);
    aspects.push({ id: x.id, title: x.title, terms: x.terms });
  });

  const affected = new Map<string, ProductTable>();
  for (const [productId, table] of Object.entries(a.affected)) {
    const product = products.get(productId);
    if (!product) {
      report(['affected', productId], `unknown product "${productId}"`, `use a product id from products.yml: ${[...products.keys()].join(', ')}`);
      continue;
    }
    const whole = buildVersionTable(table, product, ['affected', productId], report);
    const perAspect = new Map<string, VersionTable>();
    for (const [aspectId, aspectTable] of Object.entries(table.aspects ?? {})) {
      const path = ['affected', productId, 'aspects', aspectId];
      if (!aspects.some((x) => x.id === aspectId)) {
        report(path, `unknown aspect "${aspectId}"`, aspects.length > 0 ? `use one of: ${aspects.map((x) => x.id).join(', ')}` : 'declare the article\'s aspects (id, title) under aspects first');
        continue;
      }
      const built = buildVersionTable(aspectTable, product, path, report);
      // An aspect table inherits what it does not say from the product table.
      if (!built.newer && whole.newer) built.newer = whole.newer;
      if (!built.others && whole.others) built.others = whole.others;
      if (built.condition === undefined && whole.condition !== undefined) built.condition = whole.condition;
      checkAspectTable(whole, built, (m, tip) => report(path, m, tip));
      perAspect.set(aspectId, built);
    }
    affected.set(productId, { product: productId, ...whole, aspects: perAspect });
  }

  const signatureIds = new Set<string>();
  const signatures = a.signatures.flatMap((s, i) => {
    if (signatureIds.has(s.id)) report(['signatures', i, 'id'], `duplicate signature id "${s.id}"`);
    signatureIds.add(s.id);
    const built = buildSignature(s, products, (path, m, tip) => report(['signatures', i, ...path], m, tip));
    return built ? [built] : [];
  });
  const logSignatures = a.log_signatures.flatMap((s, i) => {
    if (signatureIds.has(s.id)) report(['log_signatures', i, 'id'], `duplicate signature id "${s.id}"`, 'signature ids are unique within an article, Go and log alike');
    signatureIds.add(s.id);
    const built = buildLogSignature(s, (path, m, tip) => report(['log_signatures', i, ...path], m, tip));
    return built ? [built] : [];
  });

  if (problems.length > 0) return { article: null, problems };
  const examples = a.examples.map((e) => {
    const ex: VerdictExample = { product: e.product, version: e.version, status: e.status };
    if (e.aspect !== undefined) ex.aspect = e.aspect;
    if (e.fixed_in !== undefined) ex.fixedIn = e.fixed_in;
    if (e.basis !== undefined) ex.basis = e.basis;
    return ex;
  });
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
    aspects,
    affected,
    signatures,
    logSignatures,
    logLines: [...new Set([...a.log_lines, ...a.log_signatures.map((s) => s.line.replace(/\{(?:int|hex|word|ip|guid|any)\}/g, ' '))])],
    links: a.links,
    examples,
    source: file,
  };
  if (a.reviewed !== undefined) article.reviewed = a.reviewed;
  if (a.updated !== undefined) article.updated = a.updated;
  checkExamples(article, products, report);
  return problems.length > 0 ? { article: null, problems } : { article, problems };
}
