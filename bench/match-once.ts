/** One whole `kb-bot match FILE` as a child process (run with --import tsx, as bin/kb-bot.js does), reporting its peak memory. */
const { main, processIo } = await import('../src/cli/main.ts');
const out: string[] = [];
const code = await main(['match', process.argv[2] as string, '--json'], { ...processIo, out: (t) => void out.push(t) });
process.stdout.write(JSON.stringify({ code, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
