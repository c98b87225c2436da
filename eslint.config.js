import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/**', 'coverage/**', '.tmp/**', '*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // A promise returned from inside try without await escapes its catch and finally (a rejection there once
      // skipped the clean-up's report of what it left behind, and crashed the run on an unhandled rejection).
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/explicit-function-return-type': ['error', { allowExpressions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': 'error'
    }
  },
  {
    // Tests, the emulator and scripts are ours to print from; the action itself logs only through @actions/core.
    files: ['__tests__/**', 'emulator/**', 'scripts/**', 'bench/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/explicit-function-return-type': 'off' }
  },
  {
    // Template data is untyped and CloudFormation turns every scalar into a string; the emulator does the same.
    // The emulator is an independent witness of AWS: it must not share the action's code or beliefs.
    files: ['emulator/**'],
    rules: {
      '@typescript-eslint/no-base-to-string': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src', '**/src/**'],
              message: 'The emulator must not import the action (src/): it models AWS from AWS documentation.'
            }
          ]
        }
      ]
    }
  }
)
