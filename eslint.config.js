import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

// The layers point one way (design.md): gather → checks → scoring → store → report.
// Checks and scoring are pure: no browser, crawl, gather, monitor, store, evidence, report, electron or I/O.
const pureLayerBans = {
  patterns: [
    { group: ['**/browser/**', '**/crawl/**', '**/gather/**', '**/monitor/**'], message: 'checks/scoring are pure: no gatherers.' },
    { group: ['**/store/**', '**/evidence/**', '**/report/**'], message: 'checks/scoring are pure: no persistence or rendering.' },
  ],
  paths: [
    { name: 'electron', message: 'Only src/main/index.ts, src/main/ipc*.ts, src/main/window*.ts and src/preload import electron.' },
    { name: 'node:fs', message: 'checks/scoring never do I/O.' },
    { name: 'fs', message: 'checks/scoring never do I/O.' },
    { name: 'node:http', message: 'checks/scoring never do I/O.' },
    { name: 'undici', message: 'checks/scoring never do I/O.' },
    { name: 'playwright-core', message: 'checks/scoring never do I/O.' },
    { name: 'better-sqlite3', message: 'checks/scoring never do I/O.' },
  ],
};
const noElectron = {
  paths: [{ name: 'electron', message: 'The engine runs under plain Node: electron only in the desktop shell files.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'demo-out/**', '.tmp/**', 'bench/out/**', 'tests/e2e/__screenshots__/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/ipc*.ts', 'src/main/window*.ts', 'src/preload/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['src/main/checks/**/*.ts', 'src/main/scoring/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', pureLayerBans] },
  },
  {
    // Gatherers collect; they never decide a score or write reports.
    files: ['src/main/browser/**/*.ts', 'src/main/crawl/**/*.ts', 'src/main/gather/**/*.ts', 'src/main/monitor/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noElectron,
          patterns: [
            { group: ['**/scoring/**', '**/report/**', '**/checks/**'], message: 'Gatherers never decide: no checks, scoring or report.' },
          ],
        },
      ],
    },
  },
  {
    // The renderer only talks to window.api: never to the engine directly.
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { ...noElectron, patterns: [{ group: ['**/main/**', '**/preload/**'], message: 'The renderer uses window.api (src/shared/api.ts) only.' }] },
      ],
    },
  },
  prettier,
);
