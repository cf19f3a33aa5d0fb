import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '@slack/bolt';
import { loadPrepared } from '../node/load-prepared.ts';
import { formatProblem } from '../node/load-knowledge-dir.ts';
import type { Prepared } from '../core/answer/prepare.ts';
import type { Problem } from '../core/model/knowledge.ts';

/**
 * The live knowledge, reloaded on SIGHUP or when a file in the folder changes.
 * A new set is swapped in only when it validates; otherwise the last good set
 * keeps serving and every problem is logged.
 */
export class KnowledgeHolder {
  private live: Prepared;
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  lastProblems: Problem[] = [];

  constructor(
    private readonly dir: string,
    initial: Prepared,
    private readonly logger: Logger,
    private readonly cacheDir?: string,
    /** Told of every reload's result (metrics). */
    public onReload: (ok: boolean) => void = () => {},
  ) {
    this.live = initial;
  }

  current = (): Prepared => this.live;

  /** Loads and validates the folder; swaps it in only if it is valid. */
  reload(reason: string): { ok: boolean; version: string; problems: Problem[] } {
    let result;
    try {
      result = loadPrepared(this.dir, this.cacheDir ? { cacheDir: this.cacheDir } : {});
    } catch (e) {
      this.logger.error({ code: 'KB_RELOAD', reason }, 'knowledge reload failed; keeping the last good knowledge', e);
      this.onReload(false);
      return { ok: false, version: this.live.knowledge.version, problems: [] };
    }
    this.lastProblems = result.problems;
    if (result.problems.length > 0) {
      this.logger.error(
        { code: 'KB_RELOAD', reason, problems: result.problems.length, serving: this.live.knowledge.version },
        `knowledge reload rejected; still serving ${this.live.knowledge.version}:\n${result.problems.map(formatProblem).join('\n')}`,
      );
      this.onReload(false);
      return { ok: false, version: this.live.knowledge.version, problems: result.problems };
    }
    const before = this.live.knowledge.version;
    this.live = result.prepared;
    if (before !== this.live.knowledge.version) {
      this.logger.info({ code: 'KB_RELOAD', reason, from: before, to: this.live.knowledge.version, articles: this.live.knowledge.articles.length }, 'knowledge reloaded');
    }
    this.onReload(true);
    return { ok: true, version: this.live.knowledge.version, problems: [] };
  }

  /** Reloads shortly after files stop changing (editors write in several steps). */
  watch(debounceMs = 300): void {
    try {
      this.watcher = watch(this.dir, { recursive: true }, () => {
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.reload('file change'), debounceMs);
      });
      this.watcher.on('error', (e) => this.logger.warn({ code: 'KB_WATCH' }, 'watching the knowledge folder failed; SIGHUP still reloads', e));
    } catch (e) {
      this.logger.warn({ code: 'KB_WATCH' }, 'cannot watch the knowledge folder; SIGHUP still reloads', e);
    }
  }

  close(): void {
    this.watcher?.close();
    if (this.timer) clearTimeout(this.timer);
  }
}
