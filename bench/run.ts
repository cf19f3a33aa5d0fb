/** `npm run bench`: every benchmark, or the ones named (`npm run bench -- events`), then the scaling table. */
import { runTraceScan } from './trace-scan.ts';
import { runEvents } from './events.ts';
import { runKnowledgeScale } from './knowledge-scale.ts';
import { runReplicas } from './replicas.ts';
import { runSocket } from './socket.ts';
import { runStartup } from './startup.ts';
import { runHostileUpload } from './hostile-upload.ts';
import { runStoreFaults } from './store-faults.ts';
import { printScalingTable, type ScalingRow } from './scaling-table.ts';

const benches: Record<string, () => void | ScalingRow[] | Promise<void | ScalingRow[]>> = {
  'trace-scan': runTraceScan,
  events: runEvents,
  'knowledge-scale': runKnowledgeScale,
  replicas: runReplicas,
  socket: runSocket,
  startup: runStartup,
  'hostile-upload': runHostileUpload,
  'store-faults': runStoreFaults,
};
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in benches));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; choose from ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
const rows: ScalingRow[] = [];
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length === 0 || wanted.includes(name)) rows.push(...((await run()) ?? []));
  if (wanted.length === 0 || wanted.includes(name)) console.log('');
}
printScalingTable(rows);
