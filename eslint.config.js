// ESLint (flat config) with typescript-eslint's type-aware rules. `npm run lint`; `npm test` runs it after tsc.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names are errors, except a deliberate `_name` (a destructured field left out, an ignored parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Promises must be awaited, returned or marked `void`: a dropped one loses its error.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      // No layout rules: Prettier owns line length and layout (`npm run format`).
    },
  },
  {
    // The local Discord server reads raw numbers off the wire (opcodes, types) and compares them with
    // discord.js's enums on purpose: that comparison is what it is for.
    files: ['test/discord/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-enum-comparison': 'off' },
  },
  {
    // Vitest's asymmetric matchers (expect.any, expect.stringMatching…) are typed `any` by design.
    files: ['test/**/*.test.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // Plain JavaScript outside the TypeScript project: this file, and the bench's start-up probe,
    // which must run compiled code without tsx.
    files: ['eslint.config.js', 'bench/first-answer.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
