import { Aws, Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { CfnPermission } from 'aws-cdk-lib/aws-lambda';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FUNCTION_TIMEOUT_SECONDS } from '../../functions/function-timeouts.ts';
import { S3_EVENT_CONSUMERS } from '../../functions/s3-event-consumers.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { type AccessResources, accessProps, grantAccess, nagResource } from './function-access.ts';
import { NodeFunction } from './node-function.ts';

export interface EvidenceStoreProps {
  /**
   * The bucket's name, fixed (not generated): the bucket's own notification configuration names the
   * recorder, and the recorder's grants and invoke permission name the bucket; with a generated name
   * those references form a cycle, which CDK otherwise breaks with a custom-resource Lambda function
   * (Python, with an AWS managed policy) — here nothing but the bucket is needed.
   */
  bucketName: string;
  /** Origins whose pages upload and show evidence (the web app's). */
  allowedOrigins: string[];
  /** Where the bucket's server access logs go. */
  accessLogs: IBucket;
  removalPolicy: RemovalPolicy;
  /** GuardDuty Malware Protection scans every new object and tags it with its verdict. */
  malwareScan: boolean;
}

/** The prefix every evidence object is stored under (domain/evidence.ts attachmentKey). */
export const EVIDENCE_PREFIX = 'complaints/';

/** The prefix of personal-data exports (app/carry-out-data-request.ts exportKey), deleted after a month. */
export const DATA_EXPORT_PREFIX = 'data-requests/';

/**
 * The private evidence bucket: encrypted, versioned, no public access, TLS only; browsers post uploads
 * to it directly (presigned POST, CORS from the web origin) and read files by presigned GET. Old
 * versions expire after 90 days, unfinished multipart uploads after a day. With `malwareScan`,
 * GuardDuty scans each new object and tags it; the functions hand out only files tagged clean.
 */
export class EvidenceStore extends Construct {
  readonly bucket: Bucket;
  readonly bucketName: string;
  /** The ARN of the evidence objects, built from the name (no reference to the bucket resource). */
  readonly objectsArn: string;
  /** The ARN of the personal-data exports (data-requests/*). */
  readonly exportsArn: string;
  readonly malwareProtectionPlan?: CfnMalwareProtectionPlan;

  constructor(scope: Construct, id: string, props: EvidenceStoreProps) {
    super(scope, id);
    this.bucketName = props.bucketName;
    this.objectsArn = `arn:${Aws.PARTITION}:s3:::${props.bucketName}/${EVIDENCE_PREFIX}*`;
    this.exportsArn = `arn:${Aws.PARTITION}:s3:::${props.bucketName}/${DATA_EXPORT_PREFIX}*`;
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-old-versions',
          noncurrentVersionExpiration: Duration.days(90),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
          expiredObjectDeleteMarker: true,
        },
        {
          // Past every download link (policy.dataRequests.exportLinkValidDays, at most 30): a copy of
          // someone's personal data is kept no longer than it is offered.
          id: 'expire-data-exports',
          prefix: DATA_EXPORT_PREFIX,
          expiration: Duration.days(31),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      cors: [
        {
          allowedMethods: [HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
          allowedOrigins: props.allowedOrigins,
          allowedHeaders: ['*'],
          maxAge: 600,
        },
      ],
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'evidence/',
      removalPolicy: props.removalPolicy,
    });
    const resource = this.bucket.node.defaultChild ?? this.bucket;
    Validations.of(resource).acknowledge({
      id: 'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check',
      reason:
        'SSE-S3 encrypts the files at rest; who may read them is decided by the functions’ IAM grants on ' +
        'complaints/*. SSE-KMS would add a key grant to every uploading browser’s presigned request path and a ' +
        'KMS call per upload and download, and protect against no reader these grants do not already exclude.',
    });
    Validations.of(resource).acknowledge({
      id: 'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check',
      reason:
        'Evidence is personal data that must be deletable when its retention ends (DOMAIN.md: lawful ' +
        'destruction); object lock (WORM) would forbid that. Versioning keeps overwritten files 90 days.',
    });
    Validations.of(resource).acknowledge({
      id: 'cdk-validator-cfnguard::s3_bucket_replication_enabled_check',
      reason:
        'One region holds the complaints table too; replicating only the files would not make a case ' +
        'readable elsewhere. S3 stores each object redundantly across availability zones.',
    });
    if (props.malwareScan) this.malwareProtectionPlan = this.addMalwareScan();
  }

  /**
   * The functions that S3 notifies of new evidence objects (functions/s3-event-consumers.ts), with their
   * grants; S3 invokes them asynchronously, and what still fails after Lambda's retries lands in `queue`.
   */
  addConsumers(
    resources: AccessResources,
    removalPolicy: RemovalPolicy,
  ): { functions: NodeFunction[]; queue: Queue } {
    const queue = deadLetterQueue(this, 'UnrecordedUploads', {
      of: 'the evidence upload recorder’s asynchronous invocations',
      removalPolicy,
    });
    const cfnBucket = this.bucket.node.defaultChild as CfnBucket;
    const consumers = S3_EVENT_CONSUMERS.filter((consumer) => consumer.bucket === 'evidence').map(
      (consumer) => {
        const fn = new NodeFunction(this, consumer.name, {
          entry: consumer.entry,
          description: 'Checks each uploaded evidence file (magic bytes) and records it on its complaint',
          tableName: resources.table.tableName,
          timeout: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.event),
          removalPolicy,
          ...accessProps(consumer.access, resources),
        });
        grantAccess(fn, consumer.access, resources);
        fn.function.configureAsyncInvoke({
          retryAttempts: 2,
          maxEventAge: Duration.hours(6),
          onFailure: new SqsDestination(queue),
        });
        // S3 checks that it may invoke the function when the configuration is saved: permission first.
        const permission = new CfnPermission(this, `${consumer.name}InvokedByS3`, {
          action: 'lambda:InvokeFunction',
          functionName: fn.function.functionArn,
          principal: 's3.amazonaws.com',
          sourceAccount: Aws.ACCOUNT_ID,
          sourceArn: `arn:${Aws.PARTITION}:s3:::${this.bucketName}`,
        });
        cfnBucket.node.addDependency(permission);
        Validations.of(permission).acknowledge({
          id: 'cdk-validator-cfnguard::lambda_function_public_access_prohibited_check',
          reason:
            'The principal is the S3 service, limited to this bucket (SourceArn) in this account ' +
            '(SourceAccount): S3 notifying the recorder of new evidence objects, nobody else.',
        });
        return {
          event: 's3:ObjectCreated:*',
          function: fn.function.functionArn,
          ...(consumer.prefix
            ? { filter: { s3Key: { rules: [{ name: 'prefix', value: consumer.prefix }] } } }
            : {}),
          fn,
        };
      },
    );
    cfnBucket.notificationConfiguration = {
      lambdaConfigurations: consumers.map(({ fn: _fn, ...configuration }) => configuration),
    };
    return { functions: consumers.map(({ fn }) => fn), queue };
  }

  /**
   * GuardDuty Malware Protection for S3 on the evidence prefix, tagging each object with its verdict
   * (GuardDutyMalwareScanStatus). Its role has what the service documents for a plan on an SSE-S3
   * bucket: its EventBridge rule, reading and tagging the objects, and the validation object.
   */
  private addMalwareScan(): CfnMalwareProtectionPlan {
    const stack = Stack.of(this);
    const role = new Role(this, 'MalwareScanRole', {
      assumedBy: new ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
      description: 'GuardDuty Malware Protection for the evidence bucket',
    });
    const ruleArn = stack.formatArn({
      service: 'events',
      resource: 'rule',
      resourceName: 'DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*',
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
        resources: [ruleArn],
        conditions: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } },
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['events:DescribeRule', 'events:ListTargetsByRule'],
        resources: [ruleArn],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutBucketNotification', 's3:GetBucketNotification', 's3:ListBucket'],
        resources: [`arn:${Aws.PARTITION}:s3:::${this.bucketName}`],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: [
          's3:GetObject',
          's3:GetObjectVersion',
          's3:GetObjectTagging',
          's3:GetObjectVersionTagging',
          's3:PutObjectTagging',
          's3:PutObjectVersionTagging',
        ],
        resources: [this.objectsArn],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['s3:PutObject'],
        resources: [
          `arn:${Aws.PARTITION}:s3:::${this.bucketName}/malware-protection-resource-validation-object`,
        ],
      }),
    );
    for (const resource of [ruleArn, this.objectsArn]) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagResource(this, resource)}]`,
        reason:
          'GuardDuty names its EventBridge rule DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3<suffix> (the ' +
          'suffix is its own), and scans every object under complaints/; the wildcards are exactly those.',
      });
    }
    return new CfnMalwareProtectionPlan(this, 'MalwareProtectionPlan', {
      role: role.roleArn,
      protectedResource: {
        s3Bucket: { bucketName: this.bucketName, objectPrefixes: [EVIDENCE_PREFIX] },
      },
      actions: { tagging: { status: 'ENABLED' } },
    });
  }
}
