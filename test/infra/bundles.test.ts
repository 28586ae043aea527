import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { lambdaEntries } from '../../functions/lambda-entries.ts';
import { LAMBDA_ESBUILD_OPTIONS } from '../../infra/constructs/bundling.ts';
import { fromRepoRoot } from '../../infra/repo-root.ts';

/**
 * The functions reach AWS through functions/adapters/aws, never through AWS SDK clients: one client
 * costs 100–190 ms of cold start, and the bundles carry everything (nothing is left to the runtime).
 * An SDK client imported anywhere on a handler's import graph would fail this test.
 */
// @smithy/ alone is no client: the workflow tasks classify errors with the SDK's own
// @smithy/service-error-classification (13 KB more in a task's bundle, measured on PlanStage).
const SDK_RUNTIME_PACKAGES =
  /node_modules\/(@aws-sdk\/(client-|lib-|credential-|core)|@aws-lambda-powertools\/parameters)/u;

const bundledPackages = async (entry: string): Promise<string[]> => {
  // Built as deployed, in memory: the output path only names the source map.
  const { metafile } = await build({
    ...LAMBDA_ESBUILD_OPTIONS,
    entryPoints: [fromRepoRoot(entry)],
    outfile: 'index.mjs',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  return Object.keys(metafile.inputs);
};

describe('Lambda bundles', () => {
  it.each(lambdaEntries())('$name carries no AWS SDK client', async ({ entry }) => {
    const inputs = await bundledPackages(entry);
    expect(inputs.length).toBeGreaterThan(1);
    expect(inputs.filter((input) => SDK_RUNTIME_PACKAGES.test(input))).toEqual([]);
  });

  it('would notice one', async () => {
    const inputs = await bundledPackages('local/dynamodb-local.ts');
    expect(inputs.some((input) => SDK_RUNTIME_PACKAGES.test(input))).toBe(true);
  });
});
