// Lint rules that keep the house in order (issue 28): typescript-eslint's
// recommended rules, promises never left floating, and the import directions
// of the layers — faces (extension, cli, mcp, webview) → node → core; a
// request walks down once and returns, nothing climbs.
import tseslint from 'typescript-eslint';

const upward = (...layers) => layers.map((l) => ({ group: [`**/${l}/*`, `**/${l}`], message: `this layer may not import from src/${l}` }));
const nodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'worker_threads', 'url', 'util'],
  message: 'src/core is pure: no Node.js modules (put file, process and git access in src/node)',
};
const vscodeApi = { name: 'vscode', message: 'only src/extension talks to the VS Code API' };

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.tools/**',
      '.demo/**',
      '.test-results/**',
      'media/**',
      'examples/**',
      'test/fixtures/**',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscodeApi], patterns: [nodeBuiltins, ...upward('node', 'extension', 'cli', 'mcp', 'webview')] }] },
  },
  {
    files: ['src/node/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscodeApi], patterns: upward('extension', 'cli', 'mcp', 'webview') }] },
  },
  { files: ['src/mcp/**/*.ts'], rules: { 'no-restricted-imports': ['error', { paths: [vscodeApi], patterns: upward('extension', 'cli', 'webview') }] } },
  { files: ['src/cli/**/*.ts'], rules: { 'no-restricted-imports': ['error', { paths: [vscodeApi], patterns: upward('extension', 'webview') }] } },
  // The extension shares each webview's protocol file, nothing else of the webview.
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...upward('cli', 'mcp'),
            { group: ['**/webview/*', '!**/webview/*Protocol'], message: 'the extension talks to a webview only through its protocol file' },
          ],
        },
      ],
    },
  },
  // The webview apps reach core only through their protocol file (it validates what crosses and re-exports the types).
  {
    files: ['src/webview/*Protocol.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscodeApi], patterns: [nodeBuiltins, ...upward('node', 'extension', 'cli', 'mcp')] }] },
  },
  {
    files: ['src/webview/**/*.ts'],
    ignores: ['src/webview/*Protocol.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [vscodeApi],
          patterns: [
            nodeBuiltins,
            ...upward('node', 'extension', 'cli', 'mcp', 'core'),
            { group: ['../core/*'], message: 'the webview reaches core only through its protocol file' },
          ],
        },
      ],
    },
  },
  // Tests read deep into records and vendor payloads they just parsed; the sources keep both rules.
  { files: ['test/**/*.ts', 'scripts/**/*.ts'], rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' } },
);
