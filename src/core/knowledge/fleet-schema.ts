import { z } from 'zod';

/**
 * The shape of `fleet.yml`: foundations by name, each with its products and
 * versions. Facts that need the catalog (known product ids, real versions)
 * are checked by `buildFleet`.
 */

const text = z.string().trim().min(1, 'must not be empty');
export const foundationSchema = z
  .object({
    environment: text.optional(),
    /** The owner channel: a Slack channel id or a #name. */
    channel: text.optional(),
    /** Values are checked one by one in buildFoundation, so every bad version is named. */
    products: z.record(z.string(), z.unknown(), {
      error: (issue) => (issue.input === undefined ? 'a foundation needs its products: product id → version' : 'must be a map of product id → version'),
    }),
  })
  .strict();

export const fleetSchema = z
  .object({
    /** Each foundation is checked on its own (buildFoundation), so one bad foundation does not hide the others' problems. */
    foundations: z.record(z.string(), z.unknown()).nullable().default({}),
  })
  .strict();

export type FoundationInput = z.infer<typeof foundationSchema>;
