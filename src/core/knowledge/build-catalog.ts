import semver from 'semver';
import { catalogSchema, FIELD_TIPS } from './schema.ts';
import { zodProblems } from './zod-problems.ts';
import { isLineId } from '../versions/line-of.ts';
import type { Problem, Product } from '../model/knowledge.ts';

/** Validates products.yml and builds the catalog; every problem is reported. */
export function buildCatalog(file: string, data: unknown): { products: Product[]; otherSoftware: string[]; problems: Problem[] } {
  const parsed = catalogSchema.safeParse(data);
  if (!parsed.success) return { products: [], otherSoftware: [], problems: zodProblems(file, parsed.error, FIELD_TIPS) };
  const problems: Problem[] = [];
  const products: Product[] = [];
  const ids = new Set<string>();
  const aliasOwner = new Map<string, string>();

  parsed.data.products.forEach((p, i) => {
    const at = (field: string) => `products[${i}].${field}`;
    if (ids.has(p.id)) problems.push({ file, path: at('id'), message: `duplicate product id "${p.id}"` });
    ids.add(p.id);
    for (const [j, alias] of [p.id, p.short, p.name, ...p.aliases].entries()) {
      const key = alias.toLowerCase();
      const owner = aliasOwner.get(key);
      if (owner !== undefined && owner !== p.id) {
        problems.push({
          file,
          path: j >= 3 ? at(`aliases[${j - 3}]`) : at('aliases'),
          message: `alias "${alias}" is also used by product "${owner}"`,
          tip: 'an alias must name one product only',
        });
      }
      aliasOwner.set(key, p.id);
    }
    for (const [field, names] of [['om_slugs', p.om_slugs ?? []], ['bosh_releases', p.bosh_releases ?? []]] as const) {
      names.forEach((n, j) => {
        const key = `${field}:${n}`;
        const owner = aliasOwner.get(key);
        if (owner !== undefined && owner !== p.id) problems.push({ file, path: at(`${field}[${j}]`), message: `"${n}" is also listed for product "${owner}"`, tip: 'a slug or release name must name one product only' });
        aliasOwner.set(key, p.id);
      });
    }
    (p.bosh_releases ?? []).forEach((b, j) => {
      if (![p.id, ...p.aliases].some((a) => a.toLowerCase() === b.toLowerCase())) {
        problems.push({ file, path: at(`bosh_releases[${j}]`), message: `BOSH release name "${b}" is not one of the product's aliases`, tip: 'list it under aliases too, so that "routing 0.280.0" is understood' });
      }
    });
    (p.weak_aliases ?? []).forEach((w, j) => {
      if (!p.aliases.some((a) => a.toLowerCase() === w.toLowerCase())) {
        problems.push({ file, path: at(`weak_aliases[${j}]`), message: `"${w}" is not one of the product's aliases`, tip: 'list it under aliases too; weak_aliases only marks it as needing context' });
      }
    });
    p.lines.forEach((line, j) => {
      if (!isLineId(p.scheme, line)) {
        problems.push({
          file,
          path: at(`lines[${j}]`),
          message: `"${line}" is not a ${p.scheme === 'minor' ? 'major.minor' : 'single-number'} line id`,
          tip: p.scheme === 'minor' ? 'write lines as "2.13", quoted' : 'a single-line product has one line: a number or a word, such as "0" or "all"',
        });
      }
    });
    if (p.scheme === 'single' && p.lines.length !== 1) {
      problems.push({ file, path: at('lines'), message: 'a single-line product lists exactly one line' });
    }
    if (p.majors !== undefined && p.scheme !== 'single') {
      problems.push({ file, path: at('majors'), message: 'majors is for single-line products', tip: 'a minor-scheme product names its lines under lines' });
    }
    const toolchains = (p.toolchains ?? []).flatMap((t, j) => {
      const from = semver.parse(t.from);
      const to = t.to === undefined ? undefined : semver.parse(t.to);
      if (!from || to === null || (to && semver.gt(from, to))) {
        problems.push({ file, path: at(`toolchains[${j}]`), message: `bad range ${t.from} to ${t.to ?? '(open)'}`, tip: 'use full versions with from <= to; leave out to while the range is open' });
        return [];
      }
      return [to ? { go: t.go, from, to } : { go: t.go, from }];
    });
    // A single-line product with a numeric line and no majors ("0") takes that number as its major.
    const onlyLine = p.lines[0] ?? '';
    const majors = p.majors ?? (p.scheme === 'single' && /^\d+$/.test(onlyLine) ? [Number(onlyLine)] : []);
    const product: Product = {
      id: p.id,
      name: p.name,
      short: p.short,
      scheme: p.scheme,
      lines: p.lines,
      majors,
      versionForms: p.version_forms ?? [],
      aliases: p.aliases,
      weakAliases: p.weak_aliases ?? [],
      omSlugs: p.om_slugs ?? [],
      boshReleases: p.bosh_releases ?? [],
      toolchains,
    };
    if (p.note !== undefined) product.note = p.note;
    products.push(product);
  });
  parsed.data.other_software.forEach((name, i) => {
    const owner = aliasOwner.get(name.toLowerCase());
    if (owner !== undefined) {
      problems.push({ file, path: `other_software[${i}]`, message: `"${name}" is also a name of product "${owner}"`, tip: 'a name is either a product alias or other software, not both' });
    }
  });
  return { products, otherSoftware: parsed.data.other_software, problems };
}
