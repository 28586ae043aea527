/**
 * How every Lambda bundle is built, shared by NodeFunction and the cold-start benchmark (which must
 * measure the bundles as deployed). No CDK imports here.
 */

/** esbuild emits ESM; this banner gives CommonJS dependencies the `require` they expect. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * Left out of the bundles: the Node.js 22 Lambda runtime ships AWS SDK v3 (every client,
 * lib-dynamodb, util-dynamodb and their @smithy dependencies). Bundling it made every function that
 * touches AWS 460–640 KiB instead of 110–230 KiB. The price: Lambda runs the runtime's SDK version,
 * not the pinned one the tests ran; the SDK keeps its API stable within v3.
 */
export const RUNTIME_PROVIDED_MODULES = ['@aws-sdk/*'];
