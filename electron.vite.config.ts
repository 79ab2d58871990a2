import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import type { RendererViteConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main: the engine runs in the main process; native and browser-driving packages stay in node_modules
// (better-sqlite3 is rebuilt for Electron by `npm run rebuild:electron`, playwright-core ships its own
// driver files), so every dependency is external there.
// Preload: sandboxed preloads cannot `require` packages or load ES modules, so it is one CommonJS file
// with its imports bundled in.
const root = fileURLToPath(new URL('.', import.meta.url));

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
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(root, 'src/main/index.ts') },
        external: ['better-sqlite3', 'playwright-core', 'sharp', 'electron'],
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
