import type { BuildOptions } from 'esbuild';
import { fromRepoRoot } from '../repo-root.ts';

/**
 * How every Lambda bundle is built, shared by NodeFunction, the cold-start benchmark (which must
 * measure the bundles as deployed) and the bundle test. No CDK imports here.
 */

/** esbuild emits ESM; this banner gives CommonJS dependencies the `require` they expect. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * Nothing is left out of the bundles, not even the AWS SDK the Node.js runtime ships: each function
 * carries the pinned, tested SDK v3 clients it uses, minified and tree-shaken (test/infra/bundles.test.ts
 * checks which). Given explicitly: NodejsFunction would otherwise leave out `@aws-sdk/*`.
 */
export const EXTERNAL_MODULES: string[] = [];

/** Modules replaced in the bundles (see infra/bundle/lambda-credentials.ts for why). */
export const BUNDLE_ALIASES = {
  '@aws-sdk/credential-provider-node': fromRepoRoot('infra/bundle/lambda-credentials.ts'),
};

/**
 * The esbuild options of every Lambda bundle: NodeFunction passes them to NodejsFunction in its own
 * names; the benchmark and the bundle test call esbuild with them directly.
 */
export const LAMBDA_ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  mainFields: ['module', 'main'],
  minify: true,
  // Source maps without the sources: readable stack traces, smaller bundles.
  sourcemap: true,
  sourcesContent: false,
  banner: { js: ESM_REQUIRE_BANNER },
  external: EXTERNAL_MODULES,
  alias: BUNDLE_ALIASES,
} satisfies BuildOptions;
