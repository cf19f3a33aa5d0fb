import { findCrashes } from '../traces/find-crashes.ts';
import { readVersionLists } from './read-version-lists.ts';
import { draftAffected, type DraftTable } from './draft-affected.ts';
import { moduleOf } from '../traces/trace-facts.ts';
import type { ProductMention } from '../query/find-products.ts';

export interface ImportResult {
  /** The draft article, ready to be written as YAML. */
  draft: Record<string, unknown>;
  /** What could not be read; each is also written into the draft as a comment. */
  problems: string[];
  /** Fields whose text is the vendor's and must be rewritten before review. */
  review: string[];
}

const HEADINGS = ['Products', 'Issue/Introduction', 'Environment', 'Resolution', 'Cause', 'Workaround', 'Additional Information', 'Symptoms'];
const NOISE = new Set(['search cancel', 'book', 'calendar_today', 'Updated On:']);

/**
 * Reads the plain text of a vendor KB article (title, article id, products,
 * issue text, a log or trace, environment, resolution with version lists) and
 * drafts a knowledge article: id, URL, version tables per release line, the
 * crash signature, and text fields marked for review. Pure.
 */
export function importArticle(text: string, matchProducts: (text: string) => ProductMention[]): ImportResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const problems: string[] = [];
  const title = lines.map((l) => l.trim()).find((l) => l !== '' && !NOISE.has(l)) ?? '';
  if (!title) problems.push('no title found on the first lines');
  const id = /Article ID:\s*(\d+)/i.exec(text)?.[1] ?? '';
  if (!id) problems.push('no "Article ID: <number>" line found; set id and url by hand');
  const sections = splitSections(lines);

  const lists = readVersionLists(lines, matchProducts);
  problems.push(...lists.problems);
  const byProduct = new Map<string, typeof lists.versions>();
  for (const v of lists.versions) byProduct.set(v.product.id, [...(byProduct.get(v.product.id) ?? []), v]);
  const affected: Record<string, DraftTable> = {};
  for (const [product, listed] of byProduct) affected[product] = draftAffected(listed);
  if (lists.versions.length === 0) problems.push('no version lists found (a product name followed by bullets such as "• 2.11.36+")');

  const crash = findCrashes(text).find((c) => c.frames.length > 0);
  const signatures = crash ? [signatureOf(crash)] : [];
  const issue = paragraphs(sections.get('Issue/Introduction') ?? []);
  const resolution = paragraphs(sections.get('Resolution') ?? []);
  const programs = signatures.flatMap((s) => s.program_frames.map((f) => moduleOf(f).split('/').pop() ?? ''));
  const components = [...new Set(programs.filter(Boolean))];
  const mitigation = resolution.filter((p) => /\b(?:mitigat|workaround|reduce|restart|disable|increase|decrease|set)\w*/i.test(p) && !/\bpatch\b/i.test(p));
  const fix = resolution.filter((p) => /\b(?:patch|fix|upgrade|release)\w*/i.test(p));
  const draft: Record<string, unknown> = {
    id,
    title,
    url: id ? `https://knowledge.broadcom.com/external/article/${id}` : '',
    draft: true,
    components: components.length > 0 ? components : ['unknown'],
    tags: [],
    summary: issue[0] ?? 'REVIEW: write a summary',
    symptoms: issue.slice(1, 3).length > 0 ? issue.slice(1, 3) : ['REVIEW: list the symptoms'],
    cause: issue.find((p) => /\b(?:introduced|due to|because|root cause|caused by)\b/i.test(p)) ?? 'REVIEW: explain the cause',
    mitigation: mitigation.length > 0 ? mitigation : ['REVIEW: list the mitigation steps'],
    resolution: fix.join(' ') || 'REVIEW: describe the fix',
    affected: Object.fromEntries(Object.entries(affected).map(([p, t]) => [p, t])),
    signatures,
  };
  return { draft, problems, review: ['summary', 'symptoms', 'cause', 'mitigation', 'resolution', 'tags'] };
}

function signatureOf(crash: ReturnType<typeof findCrashes>[number]) {
  let frames = crash.frames.map((f) => f.fn);
  while (frames[0] && /^(?:runtime\.|internal\/runtime\/|panic$)/.test(frames[0])) frames = frames.slice(1);
  frames = frames.slice(0, 6);
  const program = frames.filter((f) => (f.split('/')[0] ?? '').includes('.'));
  const last = (program[0] ?? frames[0] ?? 'crash').split('.').pop() ?? 'crash';
  const words = (crash.headers[0] ?? '').replace(/^(?:fatal error|panic):\s*/, '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).slice(0, 3);
  const id = [last.toLowerCase().replace(/[^a-z0-9]+/g, '-'), ...words].join('-').replace(/-+/g, '-').replace(/^-|-$/g, '') || 'crash';
  return {
    id,
    ...(crash.headers[0] ? { error: crash.headers[0] } : {}),
    frames,
    program_frames: program.length > 0 ? program : frames.slice(-1),
  };
}

function splitSections(lines: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current = 'preamble';
  for (const line of lines) {
    const h = HEADINGS.find((x) => line.trim() === x);
    if (h) current = h;
    else out.set(current, [...(out.get(current) ?? []), line]);
  }
  return out;
}

/** Prose paragraphs: no bullets, no trace lines, no list headings. */
function paragraphs(lines: string[]): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  const flush = () => {
    const p = cur.join(' ').replace(/\s+/g, ' ').trim();
    if (p.length > 40 && !p.endsWith(':') && !/^(?:fatal error|panic|goroutine)\b/.test(p)) out.push(p);
    cur = [];
  };
  for (const l of lines) {
    const t = l.trim();
    if (t === '' || /^[•*·-]\s/.test(t) || /^\s/.test(l) || /\.go:\d+/.test(t) || /\(.*\)$/.test(t)) flush();
    else cur.push(t);
  }
  flush();
  return out;
}
