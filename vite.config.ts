import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { jsbarcodeCode128Only } from './client/build/jsbarcode-code128-only';
import { withoutConsoleFiles } from './client/build/pos-precache-scope';

const here = path.dirname(fileURLToPath(import.meta.url));
// The app's version as the tablet shows and reports it: package.json's unless the build sets one.
process.env.VITE_APP_VERSION ??= (
  JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8')) as { version: string }
).version;

/** Where the build goes; the server reads the same folder from CLIENT_DIR. */
const outDir = path.resolve(here, process.env.CLIENT_DIR ?? 'dist');

/** vite-plugin-pwa links the POS manifest into every page; the console links its own (scope /console). */
function consoleKeepsItsOwnManifest(): Plugin {
  return {
    name: 'console-keeps-its-own-manifest',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) =>
        ctx.path.endsWith('/console/index.html')
          ? html.replace(/<link rel="manifest" href="\/manifest\.webmanifest"[^>]*>/, '')
          : html,
    },
  };
}

export default defineConfig({
  root: path.join(here, 'client'),
  publicDir: path.join(here, 'client/public'),
  build: {
    outDir,
    emptyOutDir: true,
    // .vite/manifest.json: the POS service worker's precache leaves out what only the console loads.
    manifest: true,
    target: 'es2022',
    rolldownOptions: {
      input: {
        pos: path.join(here, 'client/pos/index.html'),
        // The manager console: its own page and manifest (scope /console); the POS service worker leaves it alone.
        console: path.join(here, 'client/console/index.html'),
      },
    },
  },
  plugins: [
    jsbarcodeCode128Only(),
    react(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      manifest: {
        name: 'EcoMarket TPV',
        short_name: 'EcoMarket',
        description: 'Punto de venta de EcoMarket: vende con o sin red.',
        lang: 'es',
        start_url: '/pos',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f4f6f1',
        theme_color: '#2f6b3a',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        manifestTransforms: [withoutConsoleFiles(outDir)],
      },
      devOptions: { enabled: false },
    }),
    consoleKeepsItsOwnManifest(),
  ],
});
