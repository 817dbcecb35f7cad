// @ts-check
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'cdktf.out/**',
      '.gen/**',
      'coverage/**',
      'build/**',
      '.venv-checkov/**',
      '*.js',
      '*.mjs',
      '**/*.cjs',
    ],
  },
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    rules: {
      // The provider packages' root index loads every resource class (~10 s, ~1.4 GB per process).
      // Import the one class you need by deep path instead: '@cdktf/provider-aws/lib/vpc'.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@cdktf/provider-aws',
              message:
                "Import by deep path, e.g. '@cdktf/provider-aws/lib/vpc': the root import costs ~10 s and ~1.4 GB.",
            },
            {
              name: '@cdktf/provider-cloudflare',
              message: "Import by deep path, e.g. '@cdktf/provider-cloudflare/lib/dns-record'.",
            },
            {
              name: '@cdktf/provider-random',
              message: "Import by deep path, e.g. '@cdktf/provider-random/lib/password'.",
            },
          ],
          patterns: [
            {
              regex: '^@cdktf/provider-(aws|cloudflare|random)/lib/?$',
              message: 'Import the resource module by deep path, not the lib/ index.',
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
);
