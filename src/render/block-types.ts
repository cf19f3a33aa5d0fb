import type { types } from '@slack/bolt';

/** Block Kit types, from the versions Bolt itself uses. */
export type KnownBlock = types.KnownBlock;
export type Button = types.Button;
