import { parseYamlFile } from './parse-yaml-file.ts';
import { buildCatalog } from './build-catalog.ts';
import { buildArticle } from './build-article.ts';
import { hashText } from './hash-text.ts';
import { buildFleet, FLEET_FILE } from './build-fleet.ts';
import type { Article, Knowledge, Problem } from '../model/knowledge.ts';

export interface KnowledgeFile {
  /** Path relative to the knowledge folder: `products.yml`, `articles/x.yml`. */
  path: string;
  text: string;
}

export const CATALOG_FILE = 'products.yml';

export interface LoadOptions {
  /**
   * Parsed YAML by the hash of a file's text. Hits skip the YAML parser (the
   * slowest step for thousands of files); misses that parse cleanly are added.
   */
  yamlCache?: Map<string, unknown>;
}

/**
 * Validates and builds the knowledge from its files' text. Pure: reading the
 * folder is an adapter's job. Returns every problem in every file; the
 * knowledge is usable only when `problems` is empty.
 */
export function loadKnowledge(files: readonly KnowledgeFile[], options: LoadOptions = {}): { knowledge: Knowledge; problems: Problem[] } {
  const problems: Problem[] = [];
  const parseYaml = (file: string, text: string) => {
    const cache = options.yamlCache;
    if (!cache) return parseYamlFile(file, text);
    const key = hashText(text);
    if (cache.has(key)) return { data: cache.get(key), problems: [] };
    const parsed = parseYamlFile(file, text);
    if (parsed.problems.length === 0) cache.set(key, parsed.data);
    return parsed;
  };
  const catalogFile = files.find((f) => f.path === CATALOG_FILE);
  let products: Knowledge['products'] = [];
  let otherSoftware: string[] = [];
  if (!catalogFile) {
    problems.push({ file: CATALOG_FILE, path: '(file)', message: 'the product catalog is missing', tip: 'create products.yml at the top of the knowledge folder' });
  } else {
    const { data, problems: yamlProblems } = parseYaml(catalogFile.path, catalogFile.text);
    problems.push(...yamlProblems);
    if (yamlProblems.length === 0) {
      const catalog = buildCatalog(catalogFile.path, data);
      products = catalog.products;
      otherSoftware = catalog.otherSoftware;
      problems.push(...catalog.problems);
    }
  }
  const byId = new Map(products.map((p) => [p.id, p]));

  const articles: Article[] = [];
  const owners = new Map<string, string>();
  const fleet = loadFleet(files.find((f) => f.path === FLEET_FILE), catalogFile !== undefined && problems.length === 0, byId, parseYaml, problems);
  // Code-unit order, not localeCompare: its first call starts ICU, ~8 ms of every CLI start.
  const articleFiles = files.filter((f) => f.path !== CATALOG_FILE && f.path !== FLEET_FILE).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of articleFiles) {
    const { data, problems: yamlProblems } = parseYaml(f.path, f.text);
    problems.push(...yamlProblems);
    if (yamlProblems.length > 0) continue;
    const { article, problems: articleProblems } = buildArticle(f.path, data, byId);
    problems.push(...articleProblems);
    if (!article) continue;
    for (const id of [article.id, ...article.aliases]) {
      const owner = owners.get(id);
      if (owner !== undefined) {
        problems.push({ file: f.path, path: id === article.id ? 'id' : 'aliases', message: `article id "${id}" is already used by ${owner}`, tip: 'article ids and aliases must be unique' });
      }
      owners.set(id, f.path);
    }
    articles.push(article);
  }
  if (catalogFile && articleFiles.length === 0) {
    problems.push({ file: 'articles/', path: '(folder)', message: 'no article files found', tip: 'add articles/<id>-<slug>.yml files' });
  }
  const version = hashText(files.map((f) => `${f.path}\0${f.text}`).sort().join('\0'));
  return { knowledge: { products, otherSoftware, articles, version, ...(fleet ? { fleet } : {}) }, problems };
}

/** fleet.yml, when the folder has one: validated against the catalog (its problems wait for a valid catalog). */
function loadFleet(
  file: KnowledgeFile | undefined,
  hasCatalog: boolean,
  products: Map<string, Knowledge['products'][number]>,
  parseYaml: (file: string, text: string) => { data: unknown; problems: Problem[] },
  problems: Problem[],
): Knowledge['fleet'] {
  if (!file || !hasCatalog) return undefined;
  const { data, problems: yamlProblems } = parseYaml(file.path, file.text);
  problems.push(...yamlProblems);
  if (yamlProblems.length > 0) return undefined;
  const built = buildFleet(file.path, data, products);
  problems.push(...built.problems);
  return built.fleet;
}
