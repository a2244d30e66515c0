import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import localRules from './eslint-rules/function-length.js';

export default tseslint.config(
  { ignores: ['dist/', 'dist-*/', 'node_modules/', 'data/', 'test-results/', 'playwright-report/', 'dev-dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['client/**/*.tsx', 'client/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The console and the POS are separate apps: neither imports the other (both may import shared/).
    files: ['client/console/**/*.ts', 'client/console/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/pos/**', '**/sync/**', '**/sw/**'] }],
    },
  },
  {
    files: ['client/pos/**/*.ts', 'client/pos/**/*.tsx', 'client/sync/**/*.ts', 'client/sw/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/console/**', '!**/shared/console/**'] }],
    },
  },
  {
    // No production function over 80 lines, no React component over 150 (blank and comment lines not counted).
    files: ['server/**/*.ts', 'shared/**/*.ts', 'client/**/*.ts', 'client/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'server/test/**', 'server/db/migrations/**'],
    plugins: { local: localRules },
    rules: { 'local/function-length': ['error', { max: 80, componentMax: 150 }] },
  },
  {
    // shared/ is imported by both sides: it must not reach into either.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/client/**', '**/server/**'] }],
    },
  },
);
