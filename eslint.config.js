// ESLint 9 flat config. `npx eslint .` lints the sources with @eslint/js and typescript-eslint
// `recommended` (syntactic, no type information, so it stays fast) and enforces the layer rules:
//
//   core      pure domain: no other layer, no Node, database, HTTP or React
//   contract  wire schemas: core only
//   db        schema, engines and queries: core only
//   services  use cases: core, contract, db
//   server    HTTP: everything but cli and web; values from db only in app.ts (types anywhere)
//   cli       everything but server routes and web; values from db only in main.ts (types anywhere)
//   web       browser: core, and types from contract
//
// Layer zones are checked with import-x/no-restricted-paths on *resolved* file paths. That rule
// cannot tell `import type` from a value import, so the three "types only" allowances are
// checked with @typescript-eslint/no-restricted-imports (allowTypeImports) on the specifier.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const sources = ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'];

// Node globals for the plain JS files (bin/, scripts/, this file). TypeScript files get their
// globals checked by the compiler, so typescript-eslint turns no-undef off for them.
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'fetch', 'AbortController', 'AbortSignal',
    'TextEncoder', 'TextDecoder', 'structuredClone', 'queueMicrotask',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
  ].map((name) => [name, 'readonly']),
);

const zone = (target, from, message) => ({ target: `src/${target}`, from: from.map((f) => `src/${f}`), message });

// A relative specifier that climbs out of its folder into src/<layer>, e.g. `../../db/schema/index.js`.
const intoLayer = (layer) => `^(?:\\.\\.?/)*\\.\\./(?:src/)?${layer}(?:/|\\.js$|$)`;
const typeOnlyFrom = (layer, message) => ({
  '@typescript-eslint/no-restricted-imports': ['error', {
    patterns: [{ regex: intoLayer(layer), allowTypeImports: true, message }],
  }],
});

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    'dist/',
    'data/',
    'scratch/',
    'coverage/',
    'test-results/',
    'bench/out/',
    'src/db/migrations/',
  ]),

  {
    files: sources,
    extends: [js.configs.recommended, tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    settings: {
      // The code imports `./x.js` for `./x.ts` (NodeNext); map the extensions back when resolving.
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json', '.node'],
          extensionAlias: {
            '.js': ['.ts', '.tsx', '.js', '.jsx'],
            '.jsx': ['.tsx', '.jsx'],
            '.mjs': ['.mts', '.mjs'],
            '.cjs': ['.cts', '.cjs'],
          },
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_',
        varsIgnorePattern: '^_',
        destructuredArrayIgnorePattern: '^_',
        caughtErrorsIgnorePattern: '^_',
        ignoreRestSiblings: true,
      }],
      // An error by default; a file that really needs `any` says so with an eslint-disable comment.
      '@typescript-eslint/no-explicit-any': 'error',

      'import-x/no-restricted-paths': ['error', {
        basePath: root,
        zones: [
          zone('core', ['contract', 'db', 'services', 'server', 'cli', 'web'],
            'core is the pure domain layer and depends on no other layer.'),
          zone('contract', ['db', 'services', 'server', 'cli', 'web'],
            'contract holds wire schemas and may depend on core only.'),
          zone('db', ['contract', 'services', 'server', 'cli', 'web'],
            'db may depend on core only.'),
          zone('services', ['server', 'cli', 'web'],
            'services may not depend on server, cli or web.'),
          zone('server', ['cli', 'web'],
            'server may not depend on cli or web.'),
          zone('cli', ['server/routes', 'web'],
            'cli may not depend on server routes or web.'),
          zone('web', ['db', 'services', 'server', 'cli'],
            'web runs in the browser: it may not depend on db, services, server or cli.'),
        ],
      }],
    },
  },

  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: nodeGlobals },
  },

  // core: no Node, database, HTTP or UI libraries, no Node globals.
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: builtinModules
          .filter((name) => !name.startsWith('_'))
          .map((name) => ({ name, message: 'core is platform-free: no Node built-ins.' })),
        patterns: [
          { group: ['node:*'], message: 'core is platform-free: no Node built-ins.' },
          { group: ['drizzle-orm', 'drizzle-orm*', 'pg', 'pg-*', '@electric-sql/*'], message: 'core may not touch the database.' },
          { group: ['fastify', 'fastify*', '@fastify/*'], message: 'core may not touch HTTP.' },
          { group: ['react', 'react*', '@mantine/*', '@tanstack/*'], message: 'core may not touch the UI.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'core is platform-free: pass configuration in as arguments.' },
        { name: 'Buffer', message: 'core is platform-free: use Uint8Array.' },
      ],
    },
  },

  // Value imports of db: only the composition roots (server/app.ts, cli/main.ts). Types anywhere.
  {
    files: ['src/server/**'],
    ignores: ['src/server/app.ts'],
    rules: typeOnlyFrom('db', 'server may import values from db only in src/server/app.ts; use `import type` elsewhere.'),
  },
  {
    files: ['src/cli/**'],
    ignores: ['src/cli/main.ts'],
    rules: typeOnlyFrom('db', 'cli may import values from db only in src/cli/main.ts; use `import type` elsewhere.'),
  },
  // web gets the API types from contract but must not bundle its runtime schemas.
  {
    files: ['src/web/**'],
    rules: typeOnlyFrom('contract', 'web may import only types from contract: use `import type`.'),
  },
]);
