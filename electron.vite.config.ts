import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import type { RendererViteConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main: the engine runs in the main process; every package stays in node_modules, external to the bundle
// (better-sqlite3 is native and rebuilt for Electron by `npm run rebuild:electron`, playwright-core and
// sharp load their own files at run time).
// Preload: sandboxed preloads cannot `require` packages or load ES modules, so it is one CommonJS file
// with its imports bundled in.
const root = fileURLToPath(new URL('.', import.meta.url));
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  optionalDependencies?: Record<string, string>;
};

/** The renderer's build, also used on its own by the end-to-end tests (tests/e2e/harness.ts). */
export const rendererConfig = {
  root: resolve(root, 'src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    minify: true,
    rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
  },
} satisfies RendererViteConfig;

export default defineConfig({
  main: {
    build: {
      // `dependencies` are external by default; the optional ones (the npm-shipped Chromium and CJK font)
      // find their files relative to their own package, so they must stay external too.
      externalizeDeps: { include: Object.keys(manifest.optionalDependencies ?? {}) },
      rollupOptions: {
        input: {
          index: resolve(root, 'src/main/index.ts'),
          siteWorker: resolve(root, 'src/main/audit/siteWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
