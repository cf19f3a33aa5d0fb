/**
 * A Slack-like file host for bench/trace-scan, in its own process so that
 * serving bytes is not counted as kb-bot's work: serves the files named on
 * the command line at /files-pri/T0-F<n>/<name> to `Bearer xoxb-bench`, and
 * prints its URL.
 */
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { AddressInfo } from 'node:net';

const files = process.argv.slice(2);
const server = createServer((req, res) => {
  const m = /^\/files-pri\/T0-F(\d+)\//.exec(req.url ?? '');
  const path = m ? files[Number(m[1])] : undefined;
  if (!path || req.headers.authorization !== 'Bearer xoxb-bench') return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': statSync(path).size });
  createReadStream(path, { highWaterMark: 1 << 20 }).pipe(res);
});
server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.stdout.write(`${JSON.stringify({ url, files: files.map((f, i) => `${url}/files-pri/T0-F${i}/${basename(f)}`) })}\n`);
});
process.once('SIGTERM', () => process.exit(0));
