import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export { chromiumArgs, chromiumPath } from './chromium';

export const port = Number(process.env.E2E_PORT ?? 8123);
export const baseURL = `http://localhost:${port}`;

// A fresh database every run (the server seeds the demo branch into it). The runner sets the
// variable once; its workers inherit it and so open the same folder.
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ecomarket-e2e-'));
export const dataDir = process.env.E2E_DATA_DIR;
