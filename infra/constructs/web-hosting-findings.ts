import { Validations } from 'aws-cdk-lib';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';

// The cdk-nag and Control Tower (cfn-guard) findings of the web hosting that stay, with their reasons.

const NO_CLOUDFRONT_LOGS =
  'CloudFront standard logs record full URLs, and the /track/ and /survey/ page URLs and the /v1/surveys/{token} ' +
  "API path carry the customers' tracking and survey tokens, which grant access to a complaint. Keeping those " +
  'out of logs matters more than edge access logs; API calls are logged by the HTTP API access logs (route ' +
  'keys, no paths), the site bucket has S3 access logs, and the web ACL samples blocked requests.';

/** Control Tower checks that a distribution on the default *.cloudfront.net domain cannot meet. */
const CLOUDFRONT_GUARD_REASONS: Record<string, string> = {
  cloudfront_custom_ssl_certificate_check:
    'The distribution uses its *.cloudfront.net domain and certificate; a custom domain with its own ACM ' +
    'certificate is a deployment choice.',
  cloudfront_sni_enabled_check:
    'SNI is a setting of custom certificates; the default *.cloudfront.net certificate is served to every ' +
    'client without one.',
  cloudfront_security_policy_check:
    'With the default certificate CloudFront fixes the TLS policy; TLSv1.2_2021 comes with a custom domain.',
  cloudfront_origin_failover_enabled_check:
    'One S3 bucket in one region serves the pages (and one HTTP API the API): an origin group would need a ' +
    'replicated bucket and a second API region, which the single-region design does not have.',
};

/** The site bucket's Control Tower and cdk-nag findings that stay, with their reasons. */
export const acknowledgeSiteBucket = (bucket: Bucket): void => {
  const resource = bucket.node.defaultChild ?? bucket;
  const reasons: Record<string, string> = {
    'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check':
      'The bucket holds the public web app only (no personal data); SSE-S3 encrypts it, and SSE-KMS behind ' +
      'origin access control would add a key policy for CloudFront and a KMS request per cache miss for nothing.',
    'cdk-validator-cfnguard::s3_event_notifications_enabled_check':
      'Only deployments write the bucket; nothing reacts to its changes (CloudTrail records the deployments).',
    'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check':
      'Each deployment replaces and prunes the files; object lock would forbid exactly that. Versioning keeps ' +
      'earlier files for a month.',
  };
  for (const [id, reason] of Object.entries(reasons)) Validations.of(resource).acknowledge({ id, reason });
};

const LOG_BUCKET_NOT_LOGGED =
  'This bucket receives the server access logs of the site bucket; logging it to itself would loop and ' +
  'logging it to another bucket only moves the question. Only S3 log delivery writes to it.';

/** The access-log bucket is the end of the logging chain. */
export const acknowledgeLogBucket = (bucket: Bucket): void => {
  const resource = bucket.node.defaultChild ?? bucket;
  const reasons: Record<string, string> = {
    'AwsSolutions-S1': LOG_BUCKET_NOT_LOGGED,
    'cdk-validator-cfnguard::s3_bucket_logging_enabled_check': LOG_BUCKET_NOT_LOGGED,
    'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check':
      'S3 server access log delivery supports only SSE-S3 (not SSE-KMS) on its destination bucket.',
    'cdk-validator-cfnguard::s3_event_notifications_enabled_check':
      'Only S3 log delivery writes here; nothing reacts to new log objects, which are read when investigating.',
    'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check':
      'Access logs are kept a year by a lifecycle rule; object lock (WORM) is not required for them.',
  };
  for (const [id, reason] of Object.entries(reasons)) Validations.of(resource).acknowledge({ id, reason });
};

/** The distribution's remaining findings: no standard logs, and what the default domain cannot meet. */
export const acknowledgeDistribution = (distribution: IConstruct): void => {
  Validations.of(distribution).acknowledge({ id: 'AwsSolutions-CFR3', reason: NO_CLOUDFRONT_LOGS });
  Validations.of(distribution).acknowledge({
    id: 'cdk-validator-cfnguard::cloudfront_access_logs_enabled_check',
    reason: NO_CLOUDFRONT_LOGS,
  });
  for (const [id, reason] of Object.entries(CLOUDFRONT_GUARD_REASONS)) {
    Validations.of(distribution).acknowledge({ id: `cdk-validator-cfnguard::${id}`, reason });
  }
};
