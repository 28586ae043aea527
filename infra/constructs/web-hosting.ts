import { type RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import {
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { RegionInfo } from 'aws-cdk-lib/region-info';

export interface WebHostingProps {
  /** The built web app (web/dist). */
  assetDirectory: string;
  removalPolicy: RemovalPolicy;
  /** Delete the deployed files with the stack (disposable stages), so the bucket can go too. */
  deleteFilesWithStack: boolean;
}

/** What the pages read from /config.json (web/src/shared/config.ts). */
export interface WebRuntimeConfig {
  apiUrl: string;
  localLogin: false;
  cognito: { domain: string; clientId: string };
}

// Directory URLs (/track/, /survey/, /console/) are index.html objects; the S3 REST origin that OAC
// needs does not resolve them, so the viewer request is rewritten (and /track becomes /track/).
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
  /** https://<distribution domain>, without a trailing slash. */
  readonly url: string;
  private readonly props: WebHostingProps;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    this.props = props;

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only the built web app, written by the deployment and read only by CloudFront ' +
        'through origin access control; there are no user uploads to audit. Changes to it are made by ' +
        'CloudFormation deployments, which CloudTrail records.',
    });

    const directoryIndex = new CloudFrontFunction(this, 'DirectoryIndex', {
      code: FunctionCode.fromInline(DIRECTORY_INDEX),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serves index.html for directory URLs of the web app',
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Complaint handling: public pages and staff console',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
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
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'The distribution serves static files only; every write goes to the API, which validates all input ' +
        'and is throttled at the stage. A web ACL can be attached (webAclId) when abuse is seen.',
    });
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        'CloudFront standard logs record full query strings, and the /track/ and /survey/ URLs carry the ' +
        "customers' tracking and survey tokens, which grant access to a complaint. Keeping those out of logs " +
        'matters more than static-file access logs; API calls are logged by the HTTP API access logs.',
    });
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the ' +
        'security policy; a custom domain with its own ACM certificate (and TLSv1.2_2021) is a deployment choice.',
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
  }

  /** Uploads the build and /config.json, and invalidates the cached pages. */
  publish(config: WebRuntimeConfig): BucketDeployment {
    // Its own role and log group instead of CDK's default (AWSLambdaBasicExecutionRole on any log group).
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention: RetentionDays.ONE_MONTH,
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
