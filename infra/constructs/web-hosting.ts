import { Duration, type RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  CacheQueryStringBehavior,
  CacheHeaderBehavior,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { contentSecurityPolicy } from '../content-security-policy.ts';
import {
  acknowledgeDistribution,
  acknowledgeLogBucket,
  acknowledgeSiteBucket,
} from './web-hosting-findings.ts';
import { VIEWER_ADDRESS_HEADER } from '../../functions/api/http/client-address.ts';
import { ORIGIN_VERIFY_HEADER } from '../../functions/api/http/origin-verify.ts';

export interface WebHostingProps {
  /** The built web app (web/dist). */
  assetDirectory: string;
  removalPolicy: RemovalPolicy;
  /** Delete the deployed files with the stack (disposable stages), so the bucket can go too. */
  deleteFilesWithStack: boolean;
  /** ARN of the CLOUDFRONT-scope WAF web ACL (in us-east-1) that guards the pages and the API. */
  webAclArn?: string;
  /** The evidence bucket's origin, which the pages post files to and show previews from (CSP). */
  evidenceOrigin?: string;
}

/** The public API as a second origin of the distribution. */
export interface ApiOrigin {
  /** The HTTP API's execute-api domain, `<api id>.execute-api.<region>.amazonaws.com`. */
  domainName: string;
  /**
   * Sent to the API as ORIGIN_VERIFY_HEADER on every request; the functions refuse requests without
   * it, so the WAF in front of CloudFront cannot be bypassed through the execute-api endpoint.
   */
  originSecret: ISecret;
}

/** What the pages read from /config.json (web/src/shared/config.ts). */
export interface WebRuntimeConfig {
  apiUrl: string;
  localLogin: false;
  cognito: { domain: string; clientId: string };
}

// Directory URLs (/track/, /survey/, /console/) are index.html objects; the S3 REST origin that OAC
// needs does not resolve them, so the viewer request is rewritten (and /track becomes /track/).
/**
 * The viewer's address for the API (the per-address intake limits), set from `event.viewer.ip` on every
 * /v1/* request and replacing any header of that name the client sent; forwarded with the other viewer
 * headers. CloudFront-Viewer-Address would need the managed policy to include it, which is not documented.
 */
const VIEWER_ADDRESS = `function handler(event) {
  event.request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip };
  return event.request;
}`;

const DIRECTORY_INDEX = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
  } else if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) {
    var query = Object.keys(request.querystring).map(function (name) {
      var value = request.querystring[name].value;
      return value === '' ? name : name + '=' + value;
    }).join('&');
    return { statusCode: 301, statusDescription: 'Moved Permanently',
      headers: { location: { value: uri + '/' + (query ? '?' + query : '') } } };
  }
  return request;
}`;

/**
 * The web pages (complaint form, tracking, survey, staff console): a private S3 bucket that only
 * CloudFront reads (origin access control), served over HTTPS with security headers. `publish`
 * uploads the build and the runtime /config.json, which carries the API URL and sign-in settings.
 */
export class WebHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** The pages' Content-Security-Policy and security headers. */
  readonly responseHeadersPolicy: ResponseHeadersPolicy;
  /** https://<distribution domain>, without a trailing slash. */
  readonly url: string;
  /** Access logs of the site bucket (S3 server access logs). */
  readonly accessLogs: Bucket;
  private readonly props: WebHostingProps;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    this.props = props;

    // S3 server access logs of the site bucket. CloudFront forwards no query strings to S3, so the
    // tokens in page links never reach these logs.
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // Log delivery does not support SSE-KMS destination buckets.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: false,
    });
    acknowledgeLogBucket(this.accessLogs);

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Each deployment replaces the files; earlier versions are kept a month to roll back by hand.
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: props.removalPolicy,
    });
    acknowledgeSiteBucket(this.bucket);

    const directoryIndex = new CloudFrontFunction(this, 'DirectoryIndex', {
      code: FunctionCode.fromInline(DIRECTORY_INDEX),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serves index.html for directory URLs of the web app',
    });

    this.responseHeadersPolicy = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Complaint handling pages: CSP and the usual security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy([], props.evidenceOrigin),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        // Page URLs carry tracking and survey tokens: never send them to another origin.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Complaint handling: public pages, staff console and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: this.responseHeadersPolicy,
        functionAssociations: [{ function: directoryIndex, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
    });
    const distribution = this.distribution.node.defaultChild ?? this.distribution;
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'The complaint form must be reachable by every customer wherever they are (travellers, overseas ' +
        'buyers); restricting countries would refuse complaints the company is obliged to take.',
    });
    if (!props.webAclArn) {
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'Built without a web ACL only when the caller gives none (tests of other parts); the app ' +
          '(infra/app.ts) always passes the us-east-1 web ACL.',
      });
    }
    acknowledgeDistribution(distribution);
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the ' +
        'security policy; a custom domain with its own ACM certificate (and TLSv1.2_2021) is a deployment choice.',
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
  }

  /**
   * Serves the API under /v1/* from the same distribution (same origin as the pages, behind the same
   * web ACL): nothing cached, every viewer header but Host forwarded, the origin secret added.
   */
  addApi(api: ApiOrigin): void {
    // CloudFront forwards Authorization only when it is part of the cache key; with a 1-second
    // maximum TTL (and no Cache-Control from the API) nothing is actually cached.
    const cachePolicy = new CachePolicy(this, 'ApiCachePolicy', {
      comment: 'API: no caching; the credentials headers keep responses apart',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: CacheHeaderBehavior.allowList('authorization', 'x-tracking-token'),
      queryStringBehavior: CacheQueryStringBehavior.all(),
    });
    const viewerAddress = new CloudFrontFunction(this, 'ViewerAddress', {
      code: FunctionCode.fromInline(VIEWER_ADDRESS),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Passes the viewer address to the API (per-address limits), replacing any sent',
    });
    this.distribution.addBehavior(
      '/v1/*',
      new HttpOrigin(api.domainName, {
        customHeaders: { [ORIGIN_VERIFY_HEADER]: api.originSecret.secretValue.unsafeUnwrap() },
      }),
      {
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        functionAssociations: [{ function: viewerAddress, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
    );
  }

  /** Uploads the build and /config.json, and invalidates the cached pages. */
  publish(config: WebRuntimeConfig): BucketDeployment {
    // Its own role and log group instead of CDK's default (AWSLambdaBasicExecutionRole on any log group).
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: this.props.removalPolicy,
    });
    const role = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Uploads the web app to its bucket and invalidates the CloudFront cache',
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn, `${logGroup.logGroupArn}:*`],
      }),
    );
    const deployment = new BucketDeployment(this, 'Deployment', {
      sources: [Source.asset(this.props.assetDirectory), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      // Hashed assets never change; the pages and config.json are what an invalidation must reach.
      distributionPaths: ['/*'],
      memoryLimit: 512,
      prune: true,
      retainOnDelete: !this.props.deleteFilesWithStack,
      role,
      logGroup,
    });
    acknowledgeDeploymentProvider(Stack.of(this), role);
    return deployment;
  }
}

/** The BucketDeployment provider is a stack-wide singleton function that CDK writes. */
const DEPLOYMENT_WILDCARDS: Record<string, string> = {
  'Action::s3:GetObject*': 'CDK grants these read actions on the CDK asset bucket and the site bucket only.',
  'Action::s3:GetBucket*': 'CDK grants these read actions on the CDK asset bucket and the site bucket only.',
  'Action::s3:List*': 'CDK grants these list actions on the CDK asset bucket and the site bucket only.',
  'Action::s3:DeleteObject*': 'Pruning old files of the site: granted on the site bucket only.',
  'Action::s3:Abort*': 'Aborting its own multipart uploads: granted on the site bucket only.',
  'Resource::<WebSiteD504717C.Arn>/*': 'The objects of the site bucket, which this deployment owns entirely.',
  'Resource::*':
    'cloudfront:CreateInvalidation and GetInvalidation as CDK grants them: the provider learns the distribution ' +
    'id only at deploy time.',
};

/** The CDK asset bucket's objects as cdk-nag names them: concrete where the stack's env is known. */
const assetBucketFinding = (stack: Stack): string => {
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const partition = Token.isUnresolved(stack.region)
    ? '<AWS::Partition>'
    : (RegionInfo.get(stack.region).partition ?? '<AWS::Partition>');
  return `Resource::arn:${partition}:s3:::cdk-hnb659fds-assets-${account}-${region}/*`;
};

const acknowledgeDeploymentProvider = (stack: Stack, role: Role) => {
  const wildcards = {
    ...DEPLOYMENT_WILDCARDS,
    [assetBucketFinding(stack)]:
      'The CDK asset bucket, from which the build zip is read; asset keys are content hashes.',
  };
  for (const [finding, reason] of Object.entries(wildcards)) {
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[${finding}]`,
      reason: `Web app deployment role (runs only while CloudFormation deploys): ${reason}`,
    });
  }
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::<WebDeploymentLogs36E62B6C.Arn>:*]',
    reason:
      "Web app deployment role: logs:CreateLogStream/PutLogEvents on the log streams of the deployment's own " +
      'log group, whose stream names Lambda chooses at run time.',
  });
  const provider = stack.node.children.find((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (!provider) return;
  Validations.of(provider).acknowledge({
    id: 'AwsSolutions-IAM5',
    reason:
      'CDK grants the BucketDeployment provider s3:GetObject*/List*/DeleteObject* on the asset and site buckets ' +
      '(object-level wildcards within those two buckets) and cloudfront:CreateInvalidation, which has no ' +
      'finer resource scoping in its generated policy; it runs only during deployments.',
  });
  Validations.of(provider).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      "The BucketDeployment provider's runtime is chosen by aws-cdk-lib (it bundles the AWS CLI) and moves " +
      'with the pinned aws-cdk-lib version; it runs only during deployments.',
  });
};
