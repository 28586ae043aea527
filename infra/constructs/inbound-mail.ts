import { type CfnElement, Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { type IReceiptRuleAction, type ReceiptRule, ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { Lambda, LambdaInvocationType } from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';
import { FUNCTION_TIMEOUT_SECONDS } from '../../functions/function-timeouts.ts';
import { MAIL_RECEIVER } from '../../functions/workflow/mail-receiver.ts';
import { type AccessResources, accessProps, grantAccess } from './function-access.ts';
import { NodeFunction } from './node-function.ts';

/** The key prefix raw mail is stored under; the function reads `<prefix><SES message id>`. */
export const INBOUND_MAIL_PREFIX = 'mail/';
/** Raw mail is kept this long (the complaint keeps what was taken from it), then S3 removes it. */
export const RAW_MAIL_DAYS = 90;

export interface InboundMailProps {
  /** The domain SES receives mail for: complaints@ and the reply addresses reply+<token>@. */
  domain: string;
  stage: string;
  resources: AccessResources;
  /** Where mailed attachments go (complaints/<id>/…), for the evidence recorder to pick up. */
  evidenceBucket: IBucket;
  /** Server access logs of the raw-mail bucket. */
  accessLogs: IBucket;
  removalPolicy: RemovalPolicy;
}

/**
 * SES receiving for the inbound domain: a receipt rule set whose one rule takes every address of the
 * domain (TLS required, spam and virus scanning on), stores the raw mail in an encrypted bucket that
 * only SES of this account and rule may write, then invokes ReceiveMail asynchronously. The rule set
 * must be made the account's active one (one per region, and CloudFormation has no resource for it):
 * see the README. The domain's MX record points at SES's inbound endpoint (outside this stack).
 */
export class InboundMail extends Construct {
  readonly bucket: Bucket;
  readonly ruleSet: ReceiptRuleSet;
  readonly rule: ReceiptRule;
  readonly receiver: NodeFunction;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.bucket = new Bucket(this, 'RawMail', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // SSE-S3: SES writes into it without a key policy, and the function reads without a KMS grant.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Versioned as every bucket here; SES writes each object once, so a version outlives its mail by a day.
      versioned: true,
      lifecycleRules: [
        { expiration: Duration.days(RAW_MAIL_DAYS), noncurrentVersionExpiration: Duration.days(1) },
      ],
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'inbound-mail/',
      removalPolicy: props.removalPolicy,
    });
    const resource = this.bucket.node.defaultChild ?? this.bucket;
    const reasons: Record<string, string> = {
      'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check':
        'SES receiving writes to SSE-S3 buckets without a key policy; with SSE-KMS it would need the key and ' +
        'the function a KMS grant, for raw mail that expires after 90 days and is read by one function.',
      'cdk-validator-cfnguard::s3_event_notifications_enabled_check':
        'SES invokes the receiving function itself (the rule’s Lambda action, after the S3 action), so an ' +
        'object notification would invoke it a second time.',
      'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check':
        'Raw mail is personal data kept only 90 days; object lock would stop its deletion.',
      'cdk-validator-cfnguard::s3_bucket_replication_enabled_check':
        'Raw mail is a 90-day buffer, not a record: a copy in another region would only spread personal data.',
    };
    for (const [rule, reason] of Object.entries(reasons))
      Validations.of(resource).acknowledge({ id: rule, reason });

    const access = MAIL_RECEIVER.access;
    const fromAccess = accessProps(access, props.resources);
    this.receiver = new NodeFunction(this, MAIL_RECEIVER.name, {
      entry: MAIL_RECEIVER.entry,
      description: 'Files mail to the complaints address as complaints and replies on their complaints',
      tableName: props.resources.table.tableName,
      timeout: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.event),
      removalPolicy: props.removalPolicy,
      ...fromAccess,
      environment: {
        ...fromAccess.environment,
        INBOUND_DOMAIN: props.domain,
        // Mail from our own sender is a loop, not a customer.
        SENDER_EMAIL: props.resources.senderEmail,
        INBOUND_MAIL_BUCKET: this.bucket.bucketName,
        INBOUND_MAIL_PREFIX,
        EVIDENCE_BUCKET: props.evidenceBucket.bucketName,
      },
    });
    grantAccess(this.receiver, access, props.resources);
    // Exactly the objects it reads and writes, with one action each: raw mail under the prefix (GetObject),
    // mailed evidence under complaints/ (PutObject). Their keys are message and attachment ids, known only
    // at run time, hence the key patterns.
    const rawMail = this.bucket.arnForObjects(`${INBOUND_MAIL_PREFIX}*`);
    const evidence = props.evidenceBucket.arnForObjects('complaints/*');
    this.receiver.function.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [rawMail] }),
    );
    this.receiver.function.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [evidence] }),
    );
    for (const bucket of [this.bucket, props.evidenceBucket]) {
      const bucketId = stack.getLogicalId(bucket.node.defaultChild as CfnElement);
      const prefix = bucket === this.bucket ? INBOUND_MAIL_PREFIX : 'complaints/';
      Validations.of(this.receiver.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
        reason:
          'Object keys are SES message ids (raw mail) and attachment ids (evidence), made at run time; the ' +
          'grant is one action on one key prefix.',
      });
    }

    const ruleSetName = `complaints-${props.stage}`;
    const ruleName = 'complaints-inbound';
    const ruleArn = stack.formatArn({
      service: 'ses',
      resource: 'receipt-rule-set',
      resourceName: `${ruleSetName}:receipt-rule/${ruleName}`,
    });
    // Before the Lambda action binds, which then keeps it: SES may invoke the function for this rule
    // only (the Lambda action's own permission names the account alone).
    this.receiver.function.addPermission('AllowSes', {
      principal: new ServicePrincipal('ses.amazonaws.com'),
      sourceAccount: stack.account,
      sourceArn: ruleArn,
    });
    const permission = this.receiver.function.permissionsNode.findChild('AllowSes');
    Validations.of(permission).acknowledge({
      id: 'cdk-validator-cfnguard::lambda_function_public_access_prohibited_check',
      reason:
        'The permission names SourceAccount (this account, AWS::AccountId) and SourceArn (this receipt rule, ' +
        'an Fn::Join: SES rules have no ARN attribute to reference); the guard reads only literal strings and ' +
        'references to resources.',
    });
    // SES writes raw mail only for this account's rule: the confused-deputy conditions AWS documents.
    const sesMayStore = this.bucket.addToResourcePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        resources: [this.bucket.arnForObjects(`${INBOUND_MAIL_PREFIX}*`)],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': ruleArn },
        },
      }),
    );
    // The S3 action as SES takes it; aws-ses-actions' S3 would add a second, looser statement of its own.
    const storeRawMail: IReceiptRuleAction = {
      bind: () => ({
        s3Action: { bucketName: this.bucket.bucketName, objectKeyPrefix: INBOUND_MAIL_PREFIX },
      }),
    };

    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: ruleSetName });
    this.rule = this.ruleSet.addRule('Complaints', {
      receiptRuleName: ruleName,
      // The domain as recipient: complaints@ and every reply+<token>@ address (the function sorts them).
      recipients: [props.domain],
      scanEnabled: true,
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [
        storeRawMail,
        new Lambda({ function: this.receiver.function, invocationType: LambdaInvocationType.EVENT }),
      ],
    });
    // SES checks it may write the bucket when the rule is created.
    if (sesMayStore.policyDependable) this.rule.node.addDependency(sesMayStore.policyDependable);
  }
}
