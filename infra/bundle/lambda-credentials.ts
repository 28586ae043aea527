import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (bundling.ts aliases it):
 * Lambda always hands a function its role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN, so of the SDK's default chain only the environment provider can ever answer there.
 * The rest of the chain (SSO, STS web identity, ini files, processes, IMDS) is about 85 KiB of every
 * minified bundle. Same export, same signature; everything outside the bundles (local runtime, tests)
 * keeps the full chain.
 */
export const defaultProvider: typeof fromEnv = (init) => fromEnv(init);
