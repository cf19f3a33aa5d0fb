import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledgeDir } from '../../src/node/load-knowledge-dir.ts';
import { prepare, type Prepared } from '../../src/core/answer/prepare.ts';
import { FIXTURES } from './kb.ts';

/**
 * A knowledge folder of this test suite's own for fleets: the catalog with
 * the component releases (capi-release, uaa-release, nats-release,
 * cf-deployment), a few articles (one a component article) and fleet.yml
 * with three foundations: prod-east (TAS 2.13.20 + IST 2.13.16), prod-west
 * (TAS 4.0.16+LTS-T) and lab (BOSH releases only).
 */
export const FLEET_KNOWLEDGE = join(FIXTURES, 'fleet/knowledge');
export const INVENTORIES = join(FIXTURES, 'fleet/inventories');
export const BAD_INVENTORIES = join(FIXTURES, 'fleet/bad-inventories');
export const NEW_ARTICLES = join(FIXTURES, 'fleet/new-articles');

export function fleetKb(dir = FLEET_KNOWLEDGE): Prepared {
  const { knowledge, problems } = loadKnowledgeDir(dir);
  if (problems.length > 0) throw new Error(`fleet fixture invalid: ${JSON.stringify(problems)}`);
  return prepare(knowledge);
}

/** A throw-away copy of the fleet knowledge folder (without fleet.yml when `withFleet` is false). */
export function fleetKnowledgeCopy(withFleet = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-fleet-'));
  cpSync(FLEET_KNOWLEDGE, dir, { recursive: true, filter: (src) => withFleet || !src.endsWith('fleet.yml') });
  return dir;
}

export function inventory(name: string): string {
  return readFileSync(join(INVENTORIES, name), 'utf8');
}

export const inventoryFiles = () => readdirSync(INVENTORIES);
