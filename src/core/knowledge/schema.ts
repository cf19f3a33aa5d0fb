import { z } from 'zod';

/**
 * The one schema for knowledge files. It checks shape only; facts that need
 * more than one field (versions in order, known products, unique ids) are
 * checked by `checkKnowledge`. `FIELD_TIPS` says how to fix each field.
 */

const text = z.string().trim().min(1, 'must not be empty');
/** YAML reads an unquoted 2.10 as the number 2.1: versions must be strings. */
const version = z.string({
  error: (issue) =>
    typeof issue.input === 'number'
      ? `reads as the number ${issue.input}: quote versions ("2.10", not 2.10)`
      : 'must be a version string',
}).trim().min(1, 'must not be empty');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes');

/** The keys that carry an event's version; exactly one per event. */
export const EVENT_KEYS = ['introduced', 'introduced_after', 'fixed', 'last_affected', 'unknown', 'affected', 'stage'] as const;

export const eventSchema = z
  .object({
    introduced: version.optional(),
    introduced_after: version.optional(),
    fixed: version.optional(),
    last_affected: version.optional(),
    unknown: version.optional(),
    affected: version.optional(),
    stage: version.optional(),
    inferred: text.optional(),
    note: text.optional(),
    condition: text.optional(),
  })
  .strict()
  .refine((e) => EVENT_KEYS.filter((k) => e[k] !== undefined).length === 1, {
    message: `each event needs exactly one of ${EVENT_KEYS.join(', ')}`,
  });

export const statusSchema = z.enum(['affected', 'fixed', 'not-affected']);

const linesSchema = z.record(z.string(), z.array(eventSchema).min(1, 'a line needs at least one event'));
const newerSchema = z.object({ status: statusSchema, inferred: text.optional(), note: text.optional() }).strict();

export const versionTableSchema = z
  .object({ lines: linesSchema, newer: newerSchema.optional(), others: newerSchema.optional(), condition: text.optional(), note: text.optional() })
  .strict();

export const productTableSchema = z
  .object({
    lines: linesSchema,
    newer: newerSchema.optional(),
    others: newerSchema.optional(),
    condition: text.optional(),
    note: text.optional(),
    aspects: z.record(z.string(), versionTableSchema).optional(),
  })
  .strict();

const locationRange = z.object({ line: z.number().int().positive(), from: version, to: version.optional() }).strict();

export const locationSchema = z
  .object({ frame: text, file: text, product: text, lines: z.array(locationRange).min(1) })
  .strict();

export const signatureSchema = z
  .object({
    id: slug,
    error: text.optional(),
    frames: z.array(text).min(1, 'list the crashing goroutine frames, innermost first'),
    program_frames: z.array(text).min(1, 'name the frames that belong to the program'),
    locations: z.array(locationSchema).optional(),
  })
  .strict();

export const logSignatureSchema = z
  .object({
    id: slug,
    line: text,
    core: text.optional(),
    specific: z.boolean({ error: 'say whether the line is specific (true) or generic (false)' }),
    log: text.optional(),
  })
  .strict();

export const aspectSchema = z.object({ id: slug, title: text, terms: z.array(text).default([]) }).strict();

export const exampleSchema = z
  .object({
    product: text,
    version,
    aspect: text.optional(),
    status: z.enum(['affected', 'fixed', 'not-affected', 'unknown', 'depends']),
    fixed_in: version.nullable().optional(),
    basis: z.enum(['stated', 'inferred']).optional(),
  })
  .strict();

const date = z.union([z.iso.date(), z.date().transform((d) => d.toISOString().slice(0, 10))]);

export const articleSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, 'an id is letters, digits, dots and dashes'),
    title: text,
    url: z.url({ message: 'must be the URL of the original article' }),
    reviewed: date.optional(),
    updated: date.optional(),
    draft: z.boolean().optional(),
    aliases: z.array(z.string()).optional(),
    components: z.array(text).min(1),
    // Tags such as 502 read as numbers in YAML; they are words here.
    tags: z.array(z.union([z.number().transform(String), text])).default([]),
    summary: text,
    symptoms: z.array(text).min(1),
    cause: text,
    mitigation: z.array(text).min(1),
    resolution: text,
    aspects: z.array(aspectSchema).default([]),
    affected: z.record(z.string(), productTableSchema).default({}),
    signatures: z.array(signatureSchema).default([]),
    log_signatures: z.array(logSignatureSchema).default([]),
    log_lines: z.array(text).default([]),
    links: z.array(z.object({ title: text, url: z.url() }).strict()).default([]),
    examples: z.array(exampleSchema).default([]),
  })
  .strict();

export const productSchema = z
  .object({
    id: slug,
    name: text,
    short: text,
    scheme: z.enum(['minor', 'single']),
    lines: z.array(version).min(1),
    /** Single-line products: the majors their versions have (routing-release: [0]). */
    majors: z.array(z.number().int().nonnegative()).optional(),
    /** Short forms people write: "v38" (major), "0.287" (major.minor). */
    version_forms: z.array(z.enum(['major', 'major.minor'])).optional(),
    aliases: z.array(text).min(1),
    /** Aliases that name this product only next to a word that makes it this product (`cf` is also the cf CLI). */
    weak_aliases: z.array(text).optional(),
    /** Ops Manager product slugs (`om deployed-products` names): `cf` is TAS. */
    om_slugs: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an Ops Manager slug is lower-case letters, digits and dashes')).optional(),
    /** BOSH release names (`bosh deployments` rows: `routing/0.280.0`). */
    bosh_releases: z.array(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a BOSH release name is lower-case letters, digits, dashes and underscores')).optional(),
    note: text.optional(),
    toolchains: z.array(z.object({ go: version, from: version, to: version.optional() }).strict()).optional(),
  })
  .strict();

export const catalogSchema = z
  .object({
    products: z.array(productSchema).min(1),
    /**
     * Names of other software people run next to the platform (haproxy, redis, Ops Manager…):
     * a version right after one is that software's version, never a product verdict.
     */
    other_software: z.array(text).default([]),
  })
  .strict();

export type ArticleInput = z.infer<typeof articleSchema>;
export type ProductInput = z.infer<typeof productSchema>;
export type EventInput = z.infer<typeof eventSchema>;
export type VersionTableInput = z.infer<typeof versionTableSchema>;

/** How to fix a field that fails the schema, by the field's path. */
export const FIELD_TIPS: [RegExp, string][] = [
  [/\.lines\[[^\]]*\]\[\d+\]$/, `an event is one of ${EVENT_KEYS.join(', ')} with a quoted version, plus optional inferred, note and condition`],
  [/\.(introduced|introduced_after|fixed|last_affected|unknown|affected|stage)$/, 'a quoted full version such as "2.13.34" ("0" for introduced: from the first release)'],
  [/\.(newer|others)(\.|$)/, 'a rule for unlisted lines: { status: affected | fixed | not-affected, inferred?, note? }'],
  [/\.condition$/, 'a sentence that completes "only when …", e.g. "HTTP/2 is enabled"'],
  [/^aspects\[\d+\]\.id$/, 'a short slug such as access-log; product tables name it under aspects'],
  [/^aspects\[\d+\]\.title$/, 'the symptom in a few words, e.g. "the access log records 100 instead of the final status"'],
  [/^aspects\[\d+\]\.terms/, 'words that show a question is about this symptom, e.g. [access log, status 100]'],
  [/\.aspects\[[^\]]*\]/, 'an aspect table holds lines (and optionally newer, condition, note), like the product table'],
  [/^log_signatures\[\d+\]\.line$/, 'the line as the program logs it; placeholders: {int} {hex} {word} {ip} {guid} {any}'],
  [/^log_signatures\[\d+\]\.core$/, 'the part of the line that alone is only a hint (the bare error), in the same pattern language'],
  [/^log_signatures\[\d+\]\.specific$/, 'true only for a line that points at this issue alone; generic lines ("Bad credentials") are false'],
  [/^log_signatures\[\d+\]\.log$/, 'the log the line is written to, e.g. gorouter.stdout.log'],
  [/^log_signatures\[\d+\]\.id$/, 'a short slug such as nats-no-servers'],
  [/^examples\[\d+\]/, 'an example is { product, version, status } with optional aspect, fixed_in and basis'],
  [/\.majors/, 'whole numbers, e.g. [0] for routing-release (0.NNN.0)'],
  [/\.version_forms/, 'major ("v38") and/or major.minor ("0.287" read as 0.287.0)'],
  [/\.toolchains\[\d+\]/, 'each is { go, from, to? } with quoted versions; leave out to while the range is open'],
  [/\.lines\[\d+\]\.to$/, 'a quoted version; leave it out while the range is open'],
];
