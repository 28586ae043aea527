import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A dead-letter queue as all of ours are: encrypted, TLS-only, kept the SQS maximum of 14 days (time to
 * fix the cause and re-drive), and acknowledged as the end of its chain (no DLQ of a DLQ). Its
 * OperationsAlarms alarm fires on the first message.
 */
export const deadLetterQueue = (
  scope: Construct,
  id: string,
  props: { of: string; removalPolicy: RemovalPolicy },
): Queue => {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: props.removalPolicy,
  });
  const resource = queue.node.defaultChild ?? queue;
  const reason = `This queue is itself the dead-letter queue of ${props.of}; a DLQ of a DLQ adds nothing.`;
  Validations.of(resource).acknowledge({ id: 'AwsSolutions-SQS3', reason });
  Validations.of(resource).acknowledge({ id: 'cdk-validator-cfnguard::sqs_dlq_check', reason });
  return queue;
};
