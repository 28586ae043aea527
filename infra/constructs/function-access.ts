import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { FunctionAccess } from '../../functions/function-access.ts';
import { POLICY_PARTITION } from '../../functions/adapters/table.ts';
import type { NodeFunction, NodeFunctionProps } from './node-function.ts';

/** The shared resources a FunctionAccess may name. */
export interface AccessResources {
  table: ITable;
  tokenSigningSecret: ISecret;
  senderIdentity: IEmailIdentity;
  senderEmail: string;
  /** Base URL of the public web pages (tracking, survey), for links in emails. */
  publicWebUrl: string;
  /** Absolute path of the validated complaint policy, shipped to the functions that read it. */
  policyFile: string;
  /** The staff user pool: the staff directory of the functions that read it. */
  staffUserPool: IUserPool;
  /** The SES configuration set every email is sent with (reputation metrics, bounce/complaint events). */
  configurationSetName?: string;
  /** The domain SES receives mail for: customer mail then carries a reply address there (Reply-To). */
  inboundDomain?: string;
  /** The evidence files bucket (complaint attachments), by name, and the ARN of its evidence objects. */
  evidenceBucket: { name: string; objectsArn: string; exportsArn: string };
  /** GuardDuty scans the evidence bucket: readers check each object's verdict tag before handing it out. */
  malwareScan: boolean;
}

/** The S3 actions of each declared evidence access, on the evidence objects (complaints/*) only. */
export const evidenceActions = (
  access: NonNullable<FunctionAccess['evidence']>,
  malwareScan: boolean,
): string[] =>
  access === 'upload'
    ? // A presigned POST is authorised as the signer's s3:PutObject.
      ['s3:PutObject']
    : ['s3:GetObject', ...(malwareScan ? ['s3:GetObjectTagging'] : [])];

/**
 * The DynamoDB actions of each declared table access: exactly the operations of the adapters
 * (functions/adapters/*: GetItem, Query, UpdateItem, TransactWriteItems). TransactWriteItems is no IAM
 * action of its own: DynamoDB checks its Put, Update and ConditionCheck items as PutItem, UpdateItem and
 * ConditionCheckItem. No adapter scans, deletes, batches or reads a transaction, so neither does IAM.
 */
export const TABLE_ACTIONS = {
  none: [],
  read: ['dynamodb:GetItem', 'dynamodb:Query'],
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:ConditionCheckItem',
  ],
} as const satisfies Record<FunctionAccess['table'], readonly string[]>;

/** GetItem on the items of the policy's partition (functions/adapters/table.ts POLICY_PARTITION) only. */
export const policyReadStatement = (table: ITable): PolicyStatement =>
  new PolicyStatement({
    actions: ['dynamodb:GetItem'],
    resources: [table.tableArn],
    conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [POLICY_PARTITION] } },
  });

/** What reading the staff directory takes: the users of each role group, nothing else of the pool. */
export const STAFF_DIRECTORY_ACTIONS = ['cognito-idp:ListUsersInGroup'] as const;

const SEND_TASK_SUCCESS_ON_ANY_RESOURCE =
  'states:SendTaskSuccess supports no resource-level permissions (the Service Authorization Reference lists ' +
  'no resource type for it: the caller names only a task token), so it is granted on "*". A token is ' +
  'unguessable and is only handed out by the workflow.';

/** How cdk-nag names a resource in a finding: intrinsic references as <Name>. */
export const nagResource = (scope: IConstruct, arn: string): string => {
  const resolved = Stack.of(scope).resolve(arn) as unknown;
  const render = (part: unknown): string =>
    typeof part === 'string'
      ? part
      : part && typeof part === 'object' && 'Ref' in part
        ? `<${String((part as { Ref: string }).Ref)}>`
        : JSON.stringify(part);
  if (resolved && typeof resolved === 'object' && 'Fn::Join' in resolved) {
    const [separator, parts] = (resolved as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
    return parts.map(render).join(separator);
  }
  return render(resolved);
};

/** The NodeFunction props that `access` implies: environment, bundled policy, wildcard reasons. */
export const accessProps = (
  access: FunctionAccess,
  resources: AccessResources,
): Pick<NodeFunctionProps, 'environment' | 'policyFile' | 'otherWildcardResources'> => {
  const environment: Record<string, string> = {};
  if (access.sendsEmail) environment.SENDER_EMAIL = resources.senderEmail;
  if (access.sendsEmail && resources.configurationSetName) {
    environment.SES_CONFIGURATION_SET = resources.configurationSetName;
  }
  if (access.customerTokens) environment.TOKEN_SIGNING_SECRET_ARN = resources.tokenSigningSecret.secretArn;
  if (access.customerTokens === 'links' || access.linksToConsole) {
    environment.PUBLIC_WEB_URL = resources.publicWebUrl;
  }
  // Mail to customers is signed with their complaint's reply address (adapters/reply-token.ts).
  if (access.sendsEmail && access.customerTokens && resources.inboundDomain)
    environment.INBOUND_DOMAIN = resources.inboundDomain;
  if (access.readsStaffDirectory) environment.USER_POOL_ID = resources.staffUserPool.userPoolId;
  if (access.evidence || access.evidenceDeletion || access.dataExports)
    environment.EVIDENCE_BUCKET = resources.evidenceBucket.name;
  if (access.evidence === 'read' && resources.malwareScan) environment.MALWARE_SCAN = 'true';
  return {
    environment,
    ...(access.readsPolicy ? { policyFile: resources.policyFile } : {}),
    ...(access.answersTaskTokens ? { otherWildcardResources: SEND_TASK_SUCCESS_ON_ANY_RESOURCE } : {}),
  };
};

/** Grants `fn` exactly what `access` declares. */
export const grantAccess = (fn: NodeFunction, access: FunctionAccess, resources: AccessResources): void => {
  // Table.grant covers the table and its indexes (Query on an index), with only these actions.
  const tableActions = TABLE_ACTIONS[access.table];
  if (tableActions.length > 0) resources.table.grant(fn.function, ...tableActions);
  // A policy reader without table access still reads the active policy version (adapters/policy-
  // versions.ts): GetItem on the policy's partition only.
  if (access.readsPolicy && access.table === 'none') {
    fn.function.addToRolePolicy(policyReadStatement(resources.table));
  }
  if (access.sendsEmail) {
    resources.senderIdentity.grantSendEmail(fn.function);
    // SES also authorises the configuration set a message is sent with (named, or the identity's
    // default); EmailIdentity.grantSendEmail covers only the identity (aws/aws-cdk#34402).
    if (resources.configurationSetName) {
      fn.function.addToRolePolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [
            Stack.of(fn).formatArn({
              service: 'ses',
              resource: 'configuration-set',
              resourceName: resources.configurationSetName,
              arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
            }),
          ],
        }),
      );
    }
  }
  if (access.customerTokens) resources.tokenSigningSecret.grantRead(fn.function);
  // The directory adapter reads each role group's users (functions/adapters/cognito-staff-directory.ts):
  // that one action, on this pool only.
  if (access.readsStaffDirectory) resources.staffUserPool.grant(fn.function, ...STAFF_DIRECTORY_ACTIONS);
  if (access.evidence) {
    fn.function.addToRolePolicy(
      new PolicyStatement({
        actions: evidenceActions(access.evidence, resources.malwareScan),
        resources: [resources.evidenceBucket.objectsArn],
      }),
    );
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResource(fn, resources.evidenceBucket.objectsArn)}]`,
      reason:
        'Evidence objects are keyed complaints/<complaint>/<file>, created per upload: the grant names that ' +
        'prefix of the evidence bucket and the one or two actions of the declared access.',
    });
  }
  if (access.endsLifecycles) {
    // As for SendTaskSuccess: the token alone names the task, IAM knows no resource for the action.
    fn.function.addToRolePolicy(
      new PolicyStatement({ actions: ['states:SendTaskFailure'], resources: ['*'] }),
    );
  }
  if (access.evidenceDeletion) {
    fn.function.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:DeleteObject'], resources: [resources.evidenceBucket.objectsArn] }),
    );
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResource(fn, resources.evidenceBucket.objectsArn)}]`,
      reason:
        'The retention job and erasure requests delete the evidence objects of the complaints they anonymise, keyed ' +
        'complaints/<complaint>/<file>: that prefix of the evidence bucket, s3:DeleteObject only.',
    });
  }
  if (access.dataExports) {
    fn.function.addToRolePolicy(
      new PolicyStatement({
        actions: [access.dataExports === 'write' ? 's3:PutObject' : 's3:GetObject'],
        resources: [resources.evidenceBucket.exportsArn],
      }),
    );
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResource(fn, resources.evidenceBucket.exportsArn)}]`,
      reason:
        'Exports are keyed data-requests/<request>/personal-data.json, one per request: the grant names that ' +
        'prefix of the evidence bucket and the one action of the declared access.',
    });
  }
  if (access.answersTaskTokens) {
    // The task token alone names the execution and state: IAM knows no resource for this action, so
    // the grant cannot name the state machine (nor needs its ARN, which would be a dependency cycle:
    // state machine → function ARN → role policy → state machine ARN).
    fn.function.addToRolePolicy(
      new PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: ['*'] }),
    );
  }
};
