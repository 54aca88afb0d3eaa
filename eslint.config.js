import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const features = ['clusters', 'session', 'snapshots', 'node-types', 'chat', 'monitoring'];

// Classic zod's methods share one prototype, so a bundle that uses one carries them all (decision 037).
const classicZod = { name: 'zod', message: 'Import zod/mini: the browser carries only the zod it uses.' };

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.data/**',
      '.toolchain/**',
      'playwright-report/**',
      'test-results/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Boundaries: web and bff may import shared, never each other; shared imports neither.
    files: ['web/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [classicZod],
          patterns: ['@dws-console/bff', '@dws-console/emulator', '**/bff/**', '**/emulator/**'],
        },
      ],
    },
  },
  {
    files: ['bff/src/**'],
    ignores: ['bff/src/**/*.test.ts', 'bff/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@dws-console/web', '@dws-console/emulator', '**/web/src/**', '**/emulator/src/**'] },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [classicZod],
          patterns: ['@dws-console/web', '@dws-console/bff', '@dws-console/emulator', 'node:*'],
        },
      ],
    },
  },
  {
    // The emulated DWS and DBMind meet only where the emulator is put together (emulator.ts); what both use
    // lives beside them (postgres/, pki/, http/).
    files: ['emulator/src/dws/**', 'emulator/src/dbmind/**'],
    ignores: ['emulator/src/**/*.test.ts', 'emulator/src/**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['../dbmind/**', '../../dbmind/**', '../dws/**', '../../dws/**'] },
      ],
    },
  },
  // Features never import each other: shared code goes to components/ or lib/.
  ...features.map((feature) => ({
    files: [`web/src/features/${feature}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [classicZod],
          patterns: [
            ...features.filter((f) => f !== feature).map((f) => `**/features/${f}/**`),
            '**/app/**',
            '@dws-console/bff',
            '@dws-console/emulator',
          ],
        },
      ],
    },
  })),
);
