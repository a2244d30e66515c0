import fs from 'node:fs';
import path from 'node:path';

/** One entry of Vite's build manifest (`.vite/manifest.json`), as far as the precache needs it. */
export interface BuildManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}
export type BuildManifest = Record<string, BuildManifestChunk>;

/**
 * Every output file an HTML entry may load: its page, its chunks (static and lazy), their CSS and
 * assets (the POS's ticket-journal worker is an asset of its entry).
 */
export function filesOfEntry(manifest: BuildManifest, entryKey: string): Set<string> {
  const files = new Set<string>([entryKey]);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    files.add(chunk.file);
    for (const f of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(f);
    for (const k of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(k);
  };
  visit(entryKey);
  return files;
}

/**
 * What only the console loads: the tablets must not download it (it is a manager's app, and
 * every tablet update would fetch it again). Files both apps share stay with the POS.
 */
export function consoleOnlyFiles(manifest: BuildManifest, posEntry: string, consoleEntry: string): Set<string> {
  const pos = filesOfEntry(manifest, posEntry);
  return new Set([...filesOfEntry(manifest, consoleEntry)].filter((f) => !pos.has(f)));
}

interface PrecacheEntry {
  url: string;
}

/**
 * vite-plugin-pwa's `manifestTransforms` step: drops the console's files from the POS service
 * worker's precache, reading the build manifest Vite wrote in `outDir`. No build manifest means
 * the build is not the one this config makes: fail rather than precache the console again.
 */
export function withoutConsoleFiles(outDir: string, posEntry = 'pos/index.html', consoleEntry = 'console/index.html') {
  return async <T extends PrecacheEntry>(entries: T[]): Promise<{ manifest: T[]; warnings: string[] }> => {
    const manifestPath = path.join(outDir, '.vite', 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as BuildManifest;
    if (!manifest[posEntry] || !manifest[consoleEntry])
      throw new Error(`${manifestPath} names no ${posEntry} or ${consoleEntry} entry`);
    const drop = consoleOnlyFiles(manifest, posEntry, consoleEntry);
    return { manifest: entries.filter((e) => !drop.has(e.url)), warnings: [] };
  };
}
