import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq, type Document } from 'yaml';
import type { FoundationData } from '../model/fleet.ts';

export const NEW_FLEET_HEADER = `# The foundations this team runs: product id → deployed version(s).
# Written by "kb-bot fleet import" and reviewed like the articles; see knowledge/README.md ("Fleet").
`;

/**
 * fleet.yml with one foundation written or updated, keeping the file's
 * comments, its other foundations and the foundation's own fields and
 * comments; a changed version gets `comments[product]` as its comment.
 * Throws only when the existing text is not a fleet file (the caller
 * validates it first).
 */
export function writeFoundation(text: string | undefined, name: string, data: FoundationData, comments: Record<string, string> = {}): string {
  const doc = parseDocument(text && text.trim() !== '' ? text : NEW_FLEET_HEADER, { keepSourceTokens: false });
  if (doc.errors.length > 0) throw new Error(`fleet.yml does not parse: ${doc.errors[0]?.message ?? ''}`);
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) doc.contents = doc.createNode({}) as never;
  if (!isMap(doc.contents)) throw new Error('fleet.yml is not a map with "foundations"');
  const map = mapAt(doc.contents, 'foundations');
  const f = mapAt(map, name);
  // Labels come first, as a reader expects them: environment, channel, then products.
  for (const field of ['channel', 'environment'] as const) {
    const value = data[field];
    if (value === undefined) f.delete(field);
    else if (f.has(field)) {
      if (String(f.get(field)) !== value) f.set(field, value);
    } else f.items.unshift(doc.createPair(field, value) as (typeof f.items)[number]);
  }
  const p = mapAt(f, 'products');
  for (const item of [...p.items]) {
    const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
    if (!(key in data.products)) p.delete(key);
  }
  for (const [product, value] of Object.entries(data.products)) {
    if (same(p.get(product, true), value)) continue;
    p.set(product, versionNode(doc, value, comments[product]));
  }
  return doc.toString({ lineWidth: 0 });
}

/** The map under `key`, made (or replacing a scalar such as an empty value) when missing. */
function mapAt(parent: YAMLMap, key: string): YAMLMap {
  const node: unknown = parent.get(key, true);
  if (isMap(node)) return node;
  const made = new YAMLMap();
  parent.set(key, made);
  return made;
}

function versionNode(doc: Document, value: string | string[], comment: string | undefined): Scalar | YAMLSeq {
  const node = Array.isArray(value) ? (doc.createNode(value, { flow: true }) as YAMLSeq) : new Scalar(value);
  if (comment) node.comment = ` ${comment.replace(/\s+/g, ' ')}`;
  return node;
}

function same(node: unknown, value: string | string[]): boolean {
  if (isScalar(node)) return !Array.isArray(value) && String(node.value) === value;
  if (isSeq(node)) return Array.isArray(value) && node.items.map((i) => (isScalar(i) ? String(i.value) : '')).join('\n') === value.join('\n');
  return false;
}
