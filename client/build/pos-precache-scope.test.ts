import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleOnlyFiles, withoutConsoleFiles, type BuildManifest } from './pos-precache-scope';

const manifest: BuildManifest = {
  'pos/index.html': {
    file: 'assets/pos-1.js',
    imports: ['_react.js'],
    dynamicImports: ['pos/history/TicketHistory.tsx'],
    css: ['assets/pos-1.css'],
    assets: ['assets/ticket-journal-worker-entry-1.js'],
  },
  'pos/history/TicketHistory.tsx': { file: 'assets/TicketHistory-1.js', imports: ['_react.js'] },
  '_react.js': { file: 'assets/react-1.js' },
  'console/index.html': {
    file: 'assets/console-1.js',
    imports: ['_react.js', '_table.js'],
    dynamicImports: ['console/stock/stock-page.tsx'],
    css: ['assets/console-1.css'],
    assets: ['assets/console-1.webmanifest'],
  },
  'console/stock/stock-page.tsx': { file: 'assets/stock-page-1.js', imports: ['_table.js', '_react.js'] },
  '_table.js': { file: 'assets/table-1.js' },
};

describe('the POS precache leaves out what only the console loads', () => {
  it('lists the console page, its chunks, styles and manifest, and nothing the POS also loads', () => {
    expect([...consoleOnlyFiles(manifest, 'pos/index.html', 'console/index.html')].sort()).toEqual([
      'assets/console-1.css',
      'assets/console-1.js',
      'assets/console-1.webmanifest',
      'assets/stock-page-1.js',
      'assets/table-1.js',
      'console/index.html',
    ]);
  });

  it('keeps the POS, its lazy chunks, its worker and files of neither app (icons)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precache-'));
    fs.mkdirSync(path.join(dir, '.vite'));
    fs.writeFileSync(path.join(dir, '.vite', 'manifest.json'), JSON.stringify(manifest));
    const urls = [
      'pos/index.html',
      'console/index.html',
      'icons/icon-192.png',
      ...Object.values(manifest).flatMap((c) => [c.file, ...(c.css ?? []), ...(c.assets ?? [])]),
    ];
    const { manifest: kept } = await withoutConsoleFiles(dir)(urls.map((url) => ({ url, revision: null })));
    expect(kept.map((e) => e.url).sort()).toEqual([
      'assets/TicketHistory-1.js',
      'assets/pos-1.css',
      'assets/pos-1.js',
      'assets/react-1.js',
      'assets/ticket-journal-worker-entry-1.js',
      'icons/icon-192.png',
      'pos/index.html',
    ]);
  });

  it('refuses to guess when the build wrote no manifest', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precache-'));
    await expect(withoutConsoleFiles(dir)([{ url: 'pos/index.html' }])).rejects.toThrow();
  });
});
