/**
 * The fake Slack Web API in a process of its own (bench/hostile-upload):
 * serves the files named on the command line, prints its URL and the file
 * objects, then one line per chat.postMessage (`{"post":"<channel>"}`).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';

const fake = new FakeSlackApi('xoxb-bench');
await fake.start();
const files = process.argv.slice(2).map((p) => fake.addFile(basename(p), readFileSync(p)));
process.stdout.write(`${JSON.stringify({ url: fake.url, files })}\n`);
fake.on('call', (c: { method: string; args: Record<string, unknown> }) => {
  if (c.method === 'chat.postMessage') process.stdout.write(`${JSON.stringify({ post: c.args.channel, text: String(c.args.text ?? '').slice(0, 200) })}\n`);
});
process.once('SIGTERM', () => process.exit(0));
