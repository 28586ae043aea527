import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'web/dist/', 'cdk.out/', '.data/', '.tools/', 'coverage/', 'test/artifacts/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Lambda code never reaches into the local runtime, the CDK app or the tests.
    files: ['functions/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/local/**', '**/infra/**', '**/test/**'] }],
    },
  },
  {
    // Domain code stays pure: no AWS SDK, no I/O (listed after the rule above, which it extends).
    files: ['functions/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '**/local/**',
            '**/infra/**',
            '**/test/**',
            '@aws-sdk/*',
            '@aws-lambda-powertools/*',
            'node:fs*',
            'node:http*',
            'node:net',
            '../adapters/*',
            '../api/*',
            '../workflow/*',
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
);
