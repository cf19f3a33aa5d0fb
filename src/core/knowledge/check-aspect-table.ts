import semver, { type SemVer } from 'semver';
import { statusOnLine } from '../versions/status-on-line.ts';
import type { VersionTable } from '../model/knowledge.ts';

/**
 * An aspect's table refines the product table, which holds the issue as a
 * whole: wherever the aspect is affected the whole issue must be too, or a
 * caller that reads only the product table would miss it. Checked at every
 * version where either table changes (and just after).
 */
export function checkAspectTable(whole: VersionTable, aspect: VersionTable, report: (message: string, tip?: string) => void): void {
  for (const [line, events] of aspect.lines) {
    const wholeEvents = whole.lines.get(line);
    if (!wholeEvents) {
      report(`the aspect lists the ${line} line, which the product table does not`, 'list the line in the product table too, as the issue as a whole');
      continue;
    }
    const points: SemVer[] = [...events, ...wholeEvents].flatMap((e) => [e.version, semver.parse(`${e.version.major}.${e.version.minor}.${e.version.patch + 1}`) as SemVer]);
    for (const v of points) {
      const a = statusOnLine(events, v).status;
      const w = statusOnLine(wholeEvents, v).status;
      if (a === 'affected' && w !== 'affected') {
        report(`${v.version} is affected for this aspect but ${w} in the product table`, 'the product table holds the issue as a whole: affected while any aspect is');
        return;
      }
    }
  }
}
