import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { loadKnowledgeDir } from '../src/node/load-knowledge-dir.ts';
import { loadPrepared } from '../src/node/load-prepared.ts';
import { knowledgeDir, cacheDir } from '../src/node/knowledge-dir.ts';
import { KnowledgeHolder } from '../src/server/knowledge-holder.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { FIXTURES, KNOWLEDGE_DIR } from './support/kb.ts';

function copyOfKnowledge(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-files-'));
  cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
  return dir;
}

describe('special files in the knowledge folder', () => {
  it('a FIFO is reported by name and the reload keeps the last good knowledge, without blocking', () => {
    const dir = copyOfKnowledge();
    try {
      execFileSync('mkfifo', [join(dir, 'articles/zz.yml')]);
      const { problems } = loadKnowledgeDir(dir);
      expect(problems).toEqual([expect.objectContaining({ file: 'articles/zz.yml', message: expect.stringMatching(/FIFO/) })]);
      const logs: string[] = [];
      const holder = new KnowledgeHolder(dir, loadPrepared(KNOWLEDGE_DIR).prepared, jsonLogger((l) => void logs.push(l), LogLevel.ERROR));
      const version = holder.current().knowledge.version;
      expect(holder.reload('SIGHUP')).toMatchObject({ ok: false });
      expect(holder.current().knowledge.version).toBe(version);
      expect(logs.join('')).toContain('articles/zz.yml');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['a link to a device', (dir: string) => symlinkSync('/dev/zero', join(dir, 'articles/zero.yml')), 'articles/zero.yml', /device/],
    ['a dangling link', (dir: string) => symlinkSync(join(dir, 'nowhere'), join(dir, 'articles/gone.yml')), 'articles/gone.yml', /ENOENT/],
    ['a huge file', (dir: string) => writeFileSync(join(dir, 'articles/big.yml'), 'x'.repeat(2 * 1024 * 1024)), 'articles/big.yml', /at most/],
  ])('%s is reported by name', (_, make, file, message) => {
    const dir = copyOfKnowledge();
    try {
      make(dir);
      expect(loadKnowledgeDir(dir).problems).toEqual([expect.objectContaining({ file, message: expect.stringMatching(message) })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an alias bomb is a problem of its file, not of the folder', () => {
    const dir = copyOfKnowledge();
    try {
      cpSync(join(FIXTURES, 'broken-articles/298336-alias-bomb.yml'), join(dir, 'articles/298336-alias-bomb.yml'));
      const { problems } = loadKnowledgeDir(dir);
      expect(problems).toEqual([expect.objectContaining({ file: 'articles/298336-alias-bomb.yml', message: expect.stringMatching(/alias/i) })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('empty settings', () => {
  it('KB_KNOWLEDGE_DIR= and KB_CACHE_DIR= mean unset, not a folder named ""', () => {
    expect(knowledgeDir(undefined, { KB_KNOWLEDGE_DIR: '' })).toBe(knowledgeDir(undefined, {}));
    expect(knowledgeDir(undefined, { KB_KNOWLEDGE_DIR: '  ' })).toBe(knowledgeDir(undefined, {}));
    expect(cacheDir({ KB_CACHE_DIR: '' })).toBe(cacheDir({}));
    expect(knowledgeDir(undefined, { KB_KNOWLEDGE_DIR: '/srv/kb' })).toBe('/srv/kb');
  });
});
