import tseslint from 'typescript-eslint';

// The core runs in plain Node (unit tests, the CLI): config, providers, router, auth, trust, usage, util and the CLI. Zones by
// folder, so a new file in any of them is covered without being listed.
const core = [
  'src/config/**',
  'src/providers/**',
  'src/router/**',
  'src/auth/**',
  'src/trust/**',
  'src/usage/**',
  'src/util/**',
  'src/cli.ts',
  'src/cli/**',
];

// The extension layer the core must not reach: the VS Code API, and the folders and entry point built on it.
const vscodeMessage =
  'The core (config, providers, router, auth, trust, usage, util, cli) runs without VS Code: put VS Code glue in src/host, src/views or src/commands.';
const layerMessage =
  'The core must not import the extension layer (host, views, commands, extension.ts): pass what it needs in from there instead.';
const coreImportRules = {
  paths: [{ name: 'vscode', message: vscodeMessage }],
  patterns: [
    // Any relative path into a host/, views/ or commands/ folder, or to the extension entry point.
    { regex: '^\\.{1,2}/(.*/)?(host|views|commands)(/|$)', caseSensitive: true, message: layerMessage },
    { regex: '^\\.{1,2}/(.*/)?extension(\\.[cm]?[jt]s)?$', caseSensitive: true, message: layerMessage },
  ],
};

// The bottom of the core: skynet.toml's reader knows the providers only through the `KnownProviders` it is handed.
const configMessage =
  'src/config imports only src/util: what it needs from providers it declares in src/config/knownProviders.ts and is passed (KNOWN_PROVIDERS), so the core imports one way.';
const configImportRules = {
  paths: coreImportRules.paths,
  patterns: [
    ...coreImportRules.patterns,
    {
      regex: '^(\\.\\./)+(providers|router|auth|trust|usage|cli)(\\.[cm]?[jt]s)?(/|$)',
      caseSensitive: true,
      message: configMessage,
    },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**'] },
  // typescript-eslint's recommended rules everywhere, with these settings:
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    rules: {
      // `const { model: _model, ...body } = x` drops a field by destructuring: a leading underscore says "unused on purpose".
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests read fake servers' JSON bodies and poke at private shapes on purpose; the shipped code (src/) keeps the rule.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: core,
    rules: {
      // The typescript-eslint rule also sees `import x = require('vscode')` and type-only imports.
      '@typescript-eslint/no-restricted-imports': ['error', coreImportRules],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='require'][arguments.0.value='vscode']", message: vscodeMessage },
        { selector: "ImportExpression[source.value='vscode']", message: vscodeMessage },
      ],
      'no-console': ['error'],
    },
  },
  { files: ['src/cli.ts', 'src/cli/**'], rules: { 'no-console': 'off' } },
  { files: ['src/config/**'], rules: { '@typescript-eslint/no-restricted-imports': ['error', configImportRules] } },
);
