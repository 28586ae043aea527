import { Aspects, Aws, type IAspect, Stack } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';

/**
 * Only AWS services may create grants on `key` (Control Tower CT.KMS.PR.3): nobody can hand its use on
 * to a principal the key policy does not name.
 */
export const denyGrantsExceptForAwsServices = (key: Key): void => {
  key.addToResourcePolicy(
    new PolicyStatement({
      effect: Effect.DENY,
      actions: ['kms:CreateGrant'],
      principals: [new AnyPrincipal()],
      resources: ['*'],
      conditions: {
        BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
      },
    }),
  );
};

/** Sets the key on every log group that has none (ours and those CDK constructs make). */
class EncryptLogGroups implements IAspect {
  constructor(private readonly keyArn: string) {}

  visit(node: IConstruct): void {
    if (node instanceof CfnLogGroup && node.kmsKeyId === undefined) node.kmsKeyId = this.keyArn;
  }
}

/**
 * One customer-managed KMS key for every CloudWatch log group of the stack: logs may hold complaint ids
 * and (masked) contact data, and Control Tower requires KMS at rest. The key may be used by CloudWatch
 * Logs for this account's log groups only.
 */
export class LogEncryption extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Encrypts the CloudWatch log groups of the complaint handling stack',
      enableKeyRotation: true,
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        principals: [new ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`,
          },
        },
      }),
    );
    denyGrantsExceptForAwsServices(this.key);
    Aspects.of(Stack.of(this)).add(new EncryptLogGroups(this.key.keyArn));
  }
}
