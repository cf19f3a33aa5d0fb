import { readFileSync } from 'node:fs';
import { FIELDS, SearchIndex } from '../core/search/search-index.ts';

/**
 * The search index on disk: a 4-byte header length, a JSON header (format,
 * article ids, terms, array lengths), then the typed arrays as they are in
 * memory (little-endian, 4-byte aligned). Loading is one read, one small JSON
 * parse and array views on the file's bytes — no per-posting parsing.
 */
const FORMAT = 2;

interface Header {
  format: number;
  fields: readonly string[];
  refs: string[];
  terms: string[];
  surface: string[];
  postings: number;
}

const align4 = (n: number) => (n + 3) & ~3;

export function encodeSearchIndex(index: SearchIndex): Buffer {
  const p = index.parts();
  const header = Buffer.from(JSON.stringify({ format: FORMAT, fields: FIELDS, refs: p.refs, terms: p.terms, surface: p.surface, postings: p.docs.length } satisfies Header));
  const head = Buffer.alloc(align4(4 + header.length));
  head.writeUInt32LE(header.length, 0);
  header.copy(head, 4);
  const bytes = (a: Int32Array | Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return Buffer.concat([head, bytes(p.df), bytes(p.offsets), bytes(p.docs), bytes(p.weights), bytes(p.surfaceTerms)]);
}

/** The index in a file written by encodeSearchIndex, or undefined when the file is missing, another format, or damaged. */
export function readSearchIndex(path: string): SearchIndex | undefined {
  try {
    const buf = readFileSync(path);
    const length = buf.readUInt32LE(0);
    const header = JSON.parse(buf.toString('utf8', 4, 4 + length)) as Header;
    if (header.format !== FORMAT || JSON.stringify(header.fields) !== JSON.stringify(FIELDS)) return undefined;
    const t = header.terms.length;
    const sizes = [t, t * FIELDS.length + 1, header.postings, header.postings, header.surface.length];
    let at = align4(4 + length);
    if (buf.length !== at + sizes.reduce((s, n) => s + n * 4, 0)) return undefined;
    // Views need 4-byte alignment in memory; a pooled Buffer may not have it, then the bytes are copied once.
    const bytes: Uint8Array = (buf.byteOffset + at) % 4 === 0 ? buf : new Uint8Array(buf);
    const view = <T>(Kind: new (b: ArrayBufferLike, o: number, n: number) => T, n: number): T => {
      const v = new Kind(bytes.buffer, bytes.byteOffset + at, n);
      at += n * 4;
      return v;
    };
    const [df, offsets, docs] = [view(Int32Array, sizes[0] as number), view(Int32Array, sizes[1] as number), view(Int32Array, sizes[2] as number)];
    const weights = view(Float32Array, sizes[3] as number);
    const surfaceTerms = view(Int32Array, sizes[4] as number);
    for (let i = 0; i < docs.length; i++) if ((docs[i] as number) >>> 0 >= header.refs.length) return undefined;
    for (let i = 0; i < surfaceTerms.length; i++) if ((surfaceTerms[i] as number) >= t) return undefined;
    return new SearchIndex({ refs: header.refs, terms: header.terms, df, offsets, docs, weights, surface: header.surface, surfaceTerms });
  } catch {
    return undefined;
  }
}
