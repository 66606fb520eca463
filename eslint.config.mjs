// ESLint for every JS file of corelab (./build.sh test runs `eslint .`): the recommended rules
// plus a few that catch real bugs in this code's style, and the globals each folder really has.
import js from '@eslint/js';
import globals from 'globals';

// Dedicated module workers, with no window or document: the compute worker, the message-passing
// coordinator it runs, that workload's summing workers, the page's shared-memory probe and its
// locale worker.
const WORKERS = ['www/js/compute-worker.js', 'www/js/kernels/message-passing.js', 'www/js/kernels/sum-worker.js',
  'www/js/memory-probe-worker.js', 'www/js/locale-worker.js'];
// No DOM, no worker API: loaded by the page, the compute worker and Node (the headless runner).
const PORTABLE = ['www/js/stats.js', 'www/js/input.js', 'www/js/limits.js'];

export default [
  {
    // Build products, installed packages and the vendored service worker (minified, not ours).
    ignores: ['node_modules/', 'pkg/', 'dist/', 'target/', '.tools/', 'test-results/',
      'playwright-report/', 'www/coi-serviceworker.min.js'],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused arguments before a used one are kept: they are the signature (callbacks, handlers).
      // `({ timeline, ...run }) =>` drops fields on purpose.
      'no-unused-vars': ['error', { args: 'after-used', caughtErrors: 'all', ignoreRestSiblings: true }],
      // `== null` tests for null and undefined at once, on purpose; every other == is a bug.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // A local that hides an outer name (an import, a module constant) reads the wrong value.
      'no-shadow': ['error', { builtinGlobals: false, hoist: 'functions' }],
      // A const or let read before its declaration in the same scope throws at run time.
      'no-use-before-define': ['error', { functions: false, classes: false, variables: false }],
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unmodified-loop-condition': 'error',
      'array-callback-return': 'error',
      'no-var': 'error',
      // In a page these are properties of window (window.name, the deprecated window.event): a
      // missing local or parameter of that name would silently read them instead.
      'no-restricted-globals': ['error', 'event', 'name', 'status', 'length', 'top', 'parent',
        'close', 'closed', 'open', 'opener', 'find', 'print', 'stop', 'frames', 'origin'],
    },
  },
  {
    // The page and the lessons: browser modules.
    files: ['www/**/*.js'],
    ignores: [...WORKERS, ...PORTABLE],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: WORKERS,
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    files: PORTABLE,
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
  },
  {
    // Node: the headless runner, the tests, the build scripts and the configs at the top.
    files: ['bench/**/*.{js,mjs}', 'tests/**/*.{js,mjs}', 'scripts/**/*.{js,mjs}', '*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Playwright specs, the Firefox and WebKit smoke tests, the headless runner and its browser
    // layer run callbacks in the page too (page.evaluate, waitForFunction, addInitScript).
    files: ['tests/browser/**/*.{js,mjs}', 'tests/engines/**/*.{js,mjs}', 'bench/headless.mjs', 'bench/browsers.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
];
