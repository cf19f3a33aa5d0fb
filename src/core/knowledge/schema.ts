import { z } from 'zod';

/**
 * The one schema for knowledge files. It checks shape only; facts that need
 * more than one field (versions in order, known products, unique ids) are
 * checked by `checkKnowledge`.
 */

const text = z.string().trim().min(1, 'must not be empty');
/** YAML reads an unquoted 2.10 as the number 2.1: versions must be strings. */
const version = z.string({
  error: (issue) =>
    typeof issue.input === 'number'
      ? `reads as the number ${issue.input}: quote versions ("2.10", not 2.10)`
      : 'must be a version string',
}).trim().min(1, 'must not be empty');

export const eventSchema = z
  .object({
    introduced: version.optional(),
    fixed: version.optional(),
    last_affected: version.optional(),
    inferred: text.optional(),
    note: text.optional(),
  })
  .strict()
  .refine(
    (e) => [e.introduced, e.fixed, e.last_affected].filter((v) => v !== undefined).length === 1,
    { message: 'each event needs exactly one of introduced, fixed or last_affected' },
  );

export const statusSchema = z.enum(['affected', 'fixed', 'not-affected']);

export const productTableSchema = z
  .object({
    lines: z.record(z.string(), z.array(eventSchema).min(1, 'a line needs at least one event')),
    newer: z.object({ status: statusSchema, inferred: text.optional(), note: text.optional() }).strict().optional(),
    condition: text.optional(),
    note: text.optional(),
  })
  .strict();

export const locationSchema = z
  .object({
    frame: text,
    file: text,
    product: text,
    lines: z.array(z.object({ line: z.number().int().positive(), from: version, to: version }).strict()).min(1),
  })
  .strict();

export const signatureSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
    error: text.optional(),
    frames: z.array(text).min(1, 'list the crashing goroutine frames, innermost first'),
    program_frames: z.array(text).min(1, 'name the frames that belong to the program'),
    locations: z.array(locationSchema).optional(),
  })
  .strict();

export const articleSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, 'an id is letters, digits, dots and dashes'),
    title: text,
    url: z.url({ message: 'must be the URL of the original article' }),
    reviewed: z.union([z.iso.date(), z.date().transform((d) => d.toISOString().slice(0, 10))]).optional(),
    updated: z.union([z.iso.date(), z.date().transform((d) => d.toISOString().slice(0, 10))]).optional(),
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
    affected: z.record(z.string(), productTableSchema).default({}),
    signatures: z.array(signatureSchema).default([]),
    log_lines: z.array(text).default([]),
    links: z.array(z.object({ title: text, url: z.url() }).strict()).default([]),
  })
  .strict();

export const productSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
    name: text,
    short: text,
    scheme: z.enum(['minor', 'single']),
    lines: z.array(version).min(1),
    aliases: z.array(text).min(1),
    /** Aliases that name this product only next to a word that makes it this product (`cf` is also the cf CLI). */
    weak_aliases: z.array(text).optional(),
    /** Ops Manager product slugs (`om deployed-products` names): `cf` is TAS. */
    om_slugs: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an Ops Manager slug is lower-case letters, digits and dashes')).optional(),
    /** BOSH release names (`bosh deployments` rows: `routing/0.280.0`). */
    bosh_releases: z.array(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a BOSH release name is lower-case letters, digits, dashes and underscores')).optional(),
    note: text.optional(),
    toolchains: z
      .array(z.object({ go: version, from: version, to: version }).strict())
      .optional(),
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
