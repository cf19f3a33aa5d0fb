/** `npm run bench`: every benchmark, or the ones named (`npm run bench -- trace-scan`). */
import { runTraceScan } from './trace-scan.ts';
import { runEvents } from './events.ts';
import { runKnowledgeScale } from './knowledge-scale.ts';
import { runReplicas } from './replicas.ts';
import { runSocket } from './socket.ts';
import { runStartup } from './startup.ts';
import { runHostileUpload } from './hostile-upload.ts';
import { runStoreFaults } from './store-faults.ts';

const benches: Record<string, () => void | Promise<void>> = {
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
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
