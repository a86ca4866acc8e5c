import tseslint from 'typescript-eslint';

const core = ['src/config/**', 'src/providers/**', 'src/router/**', 'src/auth/**', 'src/util/**', 'src/cli.ts'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {},
  },
  {
    // The core runs in plain Node: no VS Code API, so it stays unit-testable and usable from the CLI.
    files: core,
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Core folders must not import vscode; put VS Code glue in src/host or src/views.' }] }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='require'][arguments.0.value='vscode']", message: 'Core folders must not require vscode.' }],
      'no-console': ['error'],
    },
  },
  { files: ['src/cli.ts', 'src/cli/**'], rules: { 'no-console': 'off' } },
);
