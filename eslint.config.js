// ESLint 9 flat config. `npx eslint .` lints the sources with @eslint/js and typescript-eslint
// `recommended` (syntactic, no type information, so it stays fast) and enforces the layer rules:
//
//   core      pure domain: no other layer, no Node, database, HTTP or React
//   contract  wire schemas: core only
//   db        schema, engines and queries: core, runtime
//   files     file formats (CSV, XLSX, CommerceML read and written): core, runtime; Node and format
//             libraries; no configuration (src/config.ts): what a reader needs comes as arguments
//   runtime   Node helpers the layers on Node share (worker threads): nothing of ours
//   services  use cases: core, contract, db, files, runtime; SQL only through query functions of src/db/queries
//   server    HTTP: everything but cli and web; values from db only in app.ts (types anywhere)
//   cli       everything but server routes and web; values from db only in main.ts (types anywhere)
//   web       browser: core, and types from contract (no files, no runtime)
//             inside web: app composes features; a feature uses components and lib, no other feature
//             and not app; components use lib; lib uses neither components, features nor app
//
// Layers are checked with @typescript-eslint/no-restricted-imports on the relative specifier that
// climbs into src/<layer> (allowTypeImports for the "types only" allowances). eslint-plugin-import-x
// checked resolved paths, but its native resolver's platform packages break `npm ci` here.
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const sources = ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'];

// Node globals for the plain JS files (bin/, scripts/, this file). TypeScript files get their
// globals checked by the compiler, so typescript-eslint turns no-undef off for them.
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'fetch',
    'AbortController',
    'AbortSignal',
    'TextEncoder',
    'TextDecoder',
    'structuredClone',
    'queueMicrotask',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
  ].map((name) => [name, 'readonly']),
);

// A relative specifier that climbs out of its folder into src/<layer>, e.g. `../../db/schema/index.js`.
const intoLayer = (layer) => `^(?:\\.\\.?/)*\\.\\./(?:src/)?${layer}(?:/|\\.js$|$)`;

/** Patterns for one folder: layers it may not import at all, and layers it may import types from only. */
const layerPatterns = ({ forbidden = [], typesOnly = [] }, message) => [
  ...forbidden.map((l) => ({ regex: intoLayer(l), message })),
  ...typesOnly.map((l) => ({
    regex: intoLayer(l),
    allowTypeImports: true,
    message: `${message} (types from ${l} are fine: use \`import type\`)`,
  })),
];

/** One rule per folder: layers it may not import at all, and layers it may import types from only. */
const layer = (files, { ignores = [], ...allowed }, message) => ({
  files,
  ignores,
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: layerPatterns(allowed, message) }],
  },
});

// The web app by layers: app (shell, routes, the client card's tabs) composes features; a feature uses
// components (shared UI) and lib (shared hooks and API helpers) but no other feature; components use
// lib; lib uses neither. A later block replaces the rule's options for its files, so every web block
// repeats the web layer's own patterns.
const webLayer = [
  { forbidden: ['config', 'db', 'files', 'runtime', 'services', 'server', 'cli'], typesOnly: ['contract'] },
  'web runs in the browser: no db, files, runtime, services, server or cli; contract for types only.',
];
const webBlock = (files, patterns) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...layerPatterns(...webLayer), ...patterns] }],
  },
});
// A relative specifier that climbs into src/web/<folder>, e.g. `../../features/x/y.js` or `../app/App.js`.
const intoWeb = (folder) => `^(?:\\.\\.?/)*\\.\\./(?:web/)?${folder}(?:/|\\.js$|$)`;
const sharedMessage =
  'components/ and lib/ are shared by every feature: they import no feature and not app/ (pass what varies in as props).';
const featureMessage =
  'A feature does not import another feature: move what both need to components/ (UI) or lib/ (hooks, API helpers), or compose them in app/.';
const features = readdirSync(new URL('./src/web/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
/**
 * For each feature and each depth of folder inside it (files at most four folders deep): relative
 * specifiers that climb to src/web/features and go into another feature, or into app.
 */
const featureBlocks = features.flatMap((feature) =>
  [0, 1, 2, 3].map((depth) =>
    webBlock(
      [`src/web/features/${feature}/${'*/'.repeat(depth)}*`],
      [
        // `../other/…` from the feature's own folder, `../../other/…` one folder down, …
        { regex: `^(?:\\./)?(?:\\.\\./){${depth + 1}}(?!${feature}/|\\.\\./)`, message: featureMessage },
        // `../../features/other/…` and the like, from any depth.
        { regex: `^(?:\\.\\.?/)*\\.\\./(?:web/)?features/(?!${feature}/)`, message: featureMessage },
        { regex: intoWeb('app'), message: 'A feature does not import app/: app composes the features.' },
      ],
    ),
  ),
);

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
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // An error by default; a file that really needs `any` says so with an eslint-disable comment.
      '@typescript-eslint/no-explicit-any': 'error',
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
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules
            .filter((name) => !name.startsWith('_'))
            .map((name) => ({ name, message: 'core is platform-free: no Node built-ins.' })),
          patterns: [
            { group: ['node:*'], message: 'core is platform-free: no Node built-ins.' },
            {
              group: ['drizzle-orm', 'drizzle-orm*', 'pg', 'pg-*', '@electric-sql/*'],
              message: 'core may not touch the database.',
            },
            { group: ['fastify', 'fastify*', '@fastify/*'], message: 'core may not touch HTTP.' },
            { group: ['react', 'react*', '@mantine/*', '@tanstack/*'], message: 'core may not touch the UI.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'core is platform-free: pass configuration in as arguments.' },
        { name: 'Buffer', message: 'core is platform-free: use Uint8Array.' },
      ],
    },
  },

  layer(
    ['src/core/**'],
    { forbidden: ['config', 'contract', 'db', 'files', 'runtime', 'services', 'server', 'cli', 'web'] },
    'core is the pure domain layer and depends on no other layer.',
  ),
  layer(
    ['src/contract/**'],
    { forbidden: ['config', 'db', 'files', 'runtime', 'services', 'server', 'cli', 'web'] },
    'contract holds wire schemas and may depend on core only.',
  ),
  layer(
    ['src/runtime/**'],
    { forbidden: ['core', 'contract', 'db', 'files', 'services', 'server', 'cli', 'web'] },
    'runtime holds Node helpers every layer on Node may use, so it depends on no layer.',
  ),
  layer(
    ['src/db/**'],
    { forbidden: ['config', 'contract', 'files', 'services', 'server', 'cli', 'web'] },
    'db may depend on core and runtime only.',
  ),
  layer(
    ['src/files/**'],
    { forbidden: ['config', 'contract', 'db', 'services', 'server', 'cli', 'web'] },
    'files reads and writes file formats and may depend on core and runtime only.',
  ),
  layer(
    ['src/services/**'],
    { forbidden: ['config', 'server', 'cli', 'web'] },
    'services may not depend on server, cli or web, nor read the configuration: what a use case needs comes as arguments.',
  ),
  // Configuration in one place: the environment is read in src/config.ts only; what a layer needs
  // (the clock, the import tuning, the locale) is passed in from there.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/config.ts', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read the environment in src/config.ts (readConfig) and pass the value in.',
        },
      ],
    },
  },
  // One way to the database: services compose use cases (validation, permission, one transaction) and
  // call query functions; SQL and Drizzle builder calls live in src/db/queries. Opening the
  // transaction (db.engine.transaction) stays the use case's job. Tests may query to check rows.
  {
    files: ['src/services/**'],
    ignores: ['src/services/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='orm']",
          message: 'Services do not build queries: write a query function in src/db/queries/<area> and call it.',
        },
        {
          selector: "MemberExpression[object.property.name='engine'][property.name=/^(query|exec|copyCsv|close)$/]",
          message:
            'Services do not run SQL: write a query function in src/db/queries/<area> and call it (db.engine.transaction stays here).',
        },
      ],
    },
  },
  layer(
    ['src/server/**'],
    { forbidden: ['cli', 'web'], typesOnly: ['db'], ignores: ['src/server/app.ts'] },
    'server may not depend on cli or web, and takes db values only in src/server/app.ts.',
  ),
  layer(['src/server/app.ts'], { forbidden: ['cli', 'web'] }, 'server may not depend on cli or web.'),
  layer(
    ['src/cli/**'],
    { forbidden: ['server/routes', 'web'], typesOnly: ['db'], ignores: ['src/cli/main.ts'] },
    'cli may not depend on server routes or web, and takes db values only in src/cli/main.ts.',
  ),
  layer(['src/cli/main.ts'], { forbidden: ['server/routes', 'web'] }, 'cli may not depend on server routes or web.'),
  webBlock(['src/web/**'], []),
  ...featureBlocks,
  webBlock(
    ['src/web/components/**'],
    [
      { regex: intoWeb('features'), message: sharedMessage },
      { regex: intoWeb('app'), message: sharedMessage },
    ],
  ),
  webBlock(
    ['src/web/lib/**'],
    [
      { regex: intoWeb('features'), message: sharedMessage },
      { regex: intoWeb('app'), message: sharedMessage },
      {
        regex: intoWeb('components'),
        message: 'lib holds hooks and helpers for components and features: it imports no component.',
      },
    ],
  ),
]);
