import { fleetSchema, foundationSchema } from './fleet-schema.ts';
import { zodProblems, formatPath } from './zod-problems.ts';
import { parseDeployedVersion } from '../versions/parse-deployed-version.ts';
import type { Problem, Product } from '../model/knowledge.ts';
import type { DeployedVersion, Fleet, Foundation } from '../model/fleet.ts';

export const FLEET_FILE = 'fleet.yml';
/** A foundation name as people type it in Slack: "this is prod-east". */
export const FOUNDATION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** Validates fleet.yml against the catalog and builds the fleet; every problem is reported. */
export function buildFleet(file: string, data: unknown, products: Map<string, Product>): { fleet: Fleet; problems: Problem[] } {
  // A file holding only comments is an empty fleet.
  const parsed = fleetSchema.safeParse(data ?? {});
  if (!parsed.success) return { fleet: { foundations: [] }, problems: zodProblems(file, parsed.error) };
  const problems: Problem[] = [];
  const foundations: Foundation[] = [];
  for (const [name, input] of Object.entries(parsed.data.foundations ?? {})) {
    const built = buildFoundation(file, name, input, products, ['foundations', name]);
    problems.push(...built.problems);
    if (built.foundation) foundations.push(built.foundation);
  }
  return { fleet: { foundations }, problems };
}

/**
 * One foundation from plain data (a fleet.yml entry, or one stored from
 * Slack): the name, known product ids, real versions.
 */
export function buildFoundation(
  file: string,
  name: string,
  data: unknown,
  products: Map<string, Product>,
  at: (string | number)[] = [name],
): { foundation: Foundation | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = (path: (string | number)[], message: string, tip?: string) =>
    problems.push(tip === undefined ? { file, path: formatPath([...at, ...path]), message } : { file, path: formatPath([...at, ...path]), message, tip });
  if (!FOUNDATION_NAME.test(name)) {
    report([], `"${name}" is not a foundation name`, 'use letters, digits, dots, dashes and underscores (at most 63), e.g. prod-east');
  }
  if (data === null || data === undefined || (typeof data === 'object' && !Array.isArray(data) && !('products' in data))) {
    report(['products'], 'the foundation lists no products', 'add products: { tas: 2.13.20 }, or import its inventory with "kb-bot fleet import"');
    if (data !== null && data !== undefined) {
      const rest = foundationSchema.safeParse({ ...(data as object), products: {} });
      if (!rest.success) problems.push(...zodProblems(file, rest.error, [], at));
    }
    return { foundation: null, problems };
  }
  const parsed = foundationSchema.safeParse(data);
  if (!parsed.success) return { foundation: null, problems: [...problems, ...zodProblems(file, parsed.error, [], at)] };
  const f = parsed.data;
  const built = new Map<string, DeployedVersion[]>();
  if (Object.keys(f.products).length === 0) {
    report(['products'], 'the foundation lists no products', 'add products: { tas: 2.13.20 }, or import its inventory with "kb-bot fleet import"');
  }
  for (const [productId, value] of Object.entries(f.products)) {
    const product = products.get(productId);
    if (!product) {
      report(['products', productId], `unknown product "${productId}"`, suggestProduct(productId, products));
      continue;
    }
    const raws: unknown[] = Array.isArray(value) ? value : [value];
    if (raws.length === 0) report(['products', productId], 'lists no version', 'write the deployed version, e.g. 2.13.20, or a list [0.280.0, 0.278.0]');
    const versions: DeployedVersion[] = [];
    raws.forEach((raw, i) => {
      const path = Array.isArray(value) ? ['products', productId, i] : ['products', productId];
      if (typeof raw !== 'string') {
        report(path, typeof raw === 'number' ? `reads as the number ${raw}` : 'must be a version or a list of versions',
          typeof raw === 'number' ? 'write versions in full: 56.0.0, 2.13.20' : 'write product: 2.13.20, or product: [0.280.0, 0.278.0]');
        return;
      }
      const v = parseDeployedVersion(raw);
      if (!v) {
        report(path, `"${raw}" is not a version`, 'write the deployed version in full, e.g. 2.13.20 (om deployed-products and bosh deployments print it)');
        return;
      }
      if (product.scheme === 'minor' && v.version.major === 0) {
        report(path, `${v.text} is not a ${product.short} version`, `${product.short} versions look like ${product.lines.at(-1) ?? '2.13'}.N; is it a BOSH release version (routing-release, capi-release…)?`);
        return;
      }
      if (versions.some((x) => x.text === v.text)) {
        report(path, `${v.text} is listed twice`, 'list each deployed version once');
        return;
      }
      versions.push(v);
    });
    if (versions.length > 0) built.set(productId, versions);
  }
  if (problems.length > 0) return { foundation: null, problems };
  const foundation: Foundation = { name, products: built };
  if (f.environment !== undefined) foundation.environment = f.environment;
  if (f.channel !== undefined) foundation.channel = f.channel;
  return { foundation, problems };
}

/** "routing" → "use routing-release (BOSH release routing)"; else the known ids. */
function suggestProduct(id: string, products: Map<string, Product>): string {
  const key = id.toLowerCase();
  const loose = (t: string) => t.toLowerCase().replace(/[\s_-]+/g, '-');
  for (const p of products.values()) {
    if (p.boshReleases.includes(key)) return `use the product id "${p.id}" (BOSH release ${key} is ${p.short})`;
    if (p.omSlugs.includes(key)) return `use the product id "${p.id}" (Ops Manager slug ${key} is ${p.short})`;
    if ([p.short, p.name, ...p.aliases].some((a) => loose(a) === loose(id))) return `use the product id "${p.id}" (${p.short})`;
  }
  return `use a product id from products.yml: ${[...products.keys()].join(', ')}`;
}
