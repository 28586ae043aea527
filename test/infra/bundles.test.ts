import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import type { FunctionAccess } from '../../functions/function-access.ts';
import { lambdaEntries } from '../../functions/lambda-entries.ts';
import { LAMBDA_ESBUILD_OPTIONS } from '../../infra/constructs/bundling.ts';
import { fromRepoRoot } from '../../infra/repo-root.ts';

/** The product owner's ceiling for one function's minified bundle. */
const MAX_BUNDLE_BYTES = 600 * 1024;
/**
 * Functions allowed more, and why. ReceiveMail (815 kB measured) carries five AWS clients, S3's among
 * them (~150 kB with its XML and checksum code), and a MIME parser (postal-mime, 78 kB); SES invokes it
 * asynchronously, so its cold start keeps nobody waiting.
 */
/**
 * AdvanceLifecycle (631,010 B measured) and NotifyEmergency (about 603 KiB) are workflow tasks that
 * render every staff mail of the outbox (escalations, assists, incidents, late replies) besides the
 * customer's; Step Functions invokes them, so their cold start keeps nobody waiting.
 */
/**
 * The evidence functions (measured 608–671 KiB) carry the S3 client for their presigned upload forms
 * and download links (@aws-sdk/s3-presigned-post, @aws-sdk/s3-request-presigner) and their ranged and
 * tagging reads: its operations, XML serializers and checksum code add ~168 KiB (172 kB) to each. That
 * is the cost of the maintained packages rather than a SigV4 signer of our own; each ceiling is ~5%
 * above its measured size (AddCustomerAttachment 643,465 B, GetCustomerAttachment 642,349 B,
 * AddStaffAttachment 623,041 B, GetStaffAttachment 621,892 B, RecordEvidenceUpload 686,788 B).
 */
/**
 * PerformStaffAction (615,733 B measured) holds every staff action's rules (assists, incidents, root
 * causes and corrective actions among them) and the Cognito client for the staff directory: 1.3 kB over,
 * allowed 620 KiB until the actions' rules are split per group.
 */
/**
 * The data-request functions that touch S3 carry its client likewise: OpenDataExport (621,805 B
 * measured) signs download links; DecideDataRequest (767,290 B) and CarryOutDataRequests (756,125 B)
 * store exports and also render the outcome mail and read the customer's whole complaints. Ceilings
 * ~5% above; the latter two run off the request path (a manager's click, a stream record).
 */
const BUNDLE_CEILING_EXCEPTIONS: Record<string, number> = {
  OpenDataExport: 640 * 1024,
  DecideDataRequest: 790 * 1024,
  CarryOutDataRequests: 780 * 1024,
  PerformStaffAction: 620 * 1024,
  ReceiveMail: 850 * 1024,
  AdvanceLifecycle: 640 * 1024,
  NotifyEmergency: 640 * 1024,
  AddCustomerAttachment: 660 * 1024,
  GetCustomerAttachment: 660 * 1024,
  AddStaffAttachment: 640 * 1024,
  GetStaffAttachment: 640 * 1024,
  RecordEvidenceUpload: 705 * 1024,
};

/** Which AWS SDK client package each access flag needs in the bundle; no other client may be there. */
const CLIENT_PACKAGES = {
  dynamodb: '@aws-sdk/client-dynamodb',
  sfn: '@aws-sdk/client-sfn',
  ses: '@aws-sdk/client-ses',
  secrets: '@aws-sdk/client-secrets-manager',
  cognito: '@aws-sdk/client-cognito-identity-provider',
  s3: '@aws-sdk/client-s3',
} as const;

const expectedClients = (access: FunctionAccess): string[] => {
  const clients: string[] = [];
  // A policy reader reads the active policy version from the table (functions/adapters/policy-source.ts).
  if (access.table !== 'none' || access.readsPolicy) clients.push(CLIENT_PACKAGES.dynamodb);
  if (access.answersTaskTokens || access.startsLifecycles || access.checksLifecycles)
    clients.push(CLIENT_PACKAGES.sfn);
  if (access.sendsEmail) clients.push(CLIENT_PACKAGES.ses);
  if (access.customerTokens) clients.push(CLIENT_PACKAGES.secrets);
  if (access.readsStaffDirectory) clients.push(CLIENT_PACKAGES.cognito);
  if (
    access.inboundMail ||
    access.emailEvidence ||
    access.evidence ||
    access.evidenceDeletion ||
    access.dataExports
  )
    clients.push(CLIENT_PACKAGES.s3);
  return clients.toSorted();
};

const bundle = async (entry: string) => {
  // Built as deployed, in memory: the output path only names the source map.
  const { metafile, outputFiles } = await build({
    ...LAMBDA_ESBUILD_OPTIONS,
    entryPoints: [fromRepoRoot(entry)],
    outfile: 'index.mjs',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const clients = new Set(
    Object.keys(metafile.inputs)
      .map((input) => /node_modules\/(@aws-sdk\/client-[\w-]+)\//u.exec(input)?.[1])
      .filter((name): name is string => name !== undefined),
  );
  const code = outputFiles.find((file) => file.path.endsWith('.mjs'))!;
  const credentialChain = Object.keys(metafile.inputs).some((input) =>
    input.includes('node_modules/@aws-sdk/credential-provider-node/'),
  );
  return { clients: [...clients].toSorted(), bytes: code.contents.byteLength, credentialChain };
};

/**
 * The functions call AWS through SDK v3 clients bundled into each function (pinned, minified, tree-
 * shaken; nothing left to the runtime's copy): each bundle carries exactly the clients its declared
 * access needs, so a read-only route never pays for loading SES.
 */
describe('Lambda bundles', () => {
  it.each(lambdaEntries())(
    '$name carries the SDK clients it is declared to use, and only those',
    async ({ name, entry, access }) => {
      const { clients, bytes, credentialChain } = await bundle(entry);
      expect(clients).toEqual(expectedClients(access));
      expect(bytes).toBeLessThanOrEqual(BUNDLE_CEILING_EXCEPTIONS[name] ?? MAX_BUNDLE_BYTES);
      // Lambda's credentials are in the environment: the rest of the default chain is not bundled.
      expect(credentialChain).toBe(false);
    },
  );
});
