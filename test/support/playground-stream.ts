import { chromium, type Browser } from 'playwright-core';

/**
 * What the playground page hears: its event stream (`/playground/stream`),
 * read as the page reads it, every event kept in `seen`. `close` stops it.
 */
export async function listenToPlayground(url: string): Promise<{ seen: Record<string, unknown>[]; close: () => void }> {
  const seen: Record<string, unknown>[] = [];
  const stream = new AbortController();
  const res = await fetch(`${url}/playground/stream`, { signal: stream.signal });
  void (async () => {
    let buffer = '';
    for await (const chunk of res.body!.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (line.startsWith('data: ')) seen.push(JSON.parse(line.slice(6)) as Record<string, unknown>);
      }
    }
  })().catch(() => {});
  return { seen, close: () => stream.abort() };
}

/** Debian's Chromium (never a downloaded browser), headless, quiet. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
