import { runInNewContext } from 'node:vm';
import { App, Aws } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.ts';
import { VIEWER_ADDRESS_HEADER } from '../../functions/api/http/client-address.ts';
import { ORIGIN_VERIFY_HEADER } from '../../functions/api/http/origin-verify.ts';
import type { ComplaintsStack } from '../../infra/complaints-stack.ts';
import { contentSecurityPolicy } from '../../infra/content-security-policy.ts';
import { RATE_RULE_NAME } from '../../infra/constructs/edge-web-acl.ts';
import { ComplaintsEdgeStack } from '../../infra/edge-stack.ts';
import { buildStack, logicalId, propertiesOf } from './stack-fixture.ts';
import { ROUTE_CONCURRENCY } from '../../infra/api-throttles.ts';

const WEB_ACL_ARN = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/complaints/0000-1111';

interface FunctionProperties {
  ReservedConcurrentExecutions?: number;
  Environment: { Variables: Record<string, unknown> };
}

interface DistributionConfig {
  Origins: {
    Id: string;
    DomainName: unknown;
    OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
  }[];
  CacheBehaviors: {
    PathPattern: string;
    TargetOriginId: string;
    AllowedMethods: string[];
    OriginRequestPolicyId: string;
    ViewerProtocolPolicy: string;
  }[];
}

interface WebAcl {
  Scope: string;
  Rules: {
    Name: string;
    Action?: unknown;
    Statement: Record<string, { Name?: string; Limit?: number; AggregateKeyType?: string } | undefined>;
  }[];
}

describe('front door: CloudFront, WAF, origin secret', () => {
  let stack: ComplaintsStack;
  let template: Template;

  beforeAll(() => {
    stack = buildStack('prod', { webAclArn: WEB_ACL_ARN, publicConcurrency: 7 });
    template = Template.fromStack(stack);
  }, 60_000);

  const functionOf = (routeName: string): FunctionProperties => {
    const id = logicalId(stack, stack.api.functions.get(routeName)!.function.node.defaultChild);
    return propertiesOf<FunctionProperties>(template, 'AWS::Lambda::Function').find(
      ([candidate]) => candidate === id,
    )![1];
  };
  const secretRef = () =>
    JSON.stringify({ Ref: logicalId(stack, stack.node.findChild('OriginVerifySecret').node.defaultChild) });

  it('puts the web ACL on the distribution', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: WEB_ACL_ARN }),
    });
  });

  it('serves /v1/* from the HTTP API: uncached, all methods, Host not forwarded, the origin secret added', () => {
    const [, distribution] = propertiesOf<{ DistributionConfig: DistributionConfig }>(
      template,
      'AWS::CloudFront::Distribution',
    )[0]!;
    const { Origins, CacheBehaviors } = distribution.DistributionConfig;
    const api = CacheBehaviors.find((behavior) => behavior.PathPattern === '/v1/*')!;
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'OPTIONS']));
    expect(api.ViewerProtocolPolicy).toBe('https-only');
    // The managed AllViewerExceptHostHeader policy (API Gateway needs its own Host).
    expect(api.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
    const origin = Origins.find((candidate) => candidate.Id === api.TargetOriginId)!;
    expect(JSON.stringify(origin.DomainName)).toContain(
      JSON.stringify({ Ref: logicalId(stack, stack.api.api.node.defaultChild) }),
    );
    expect(JSON.stringify(origin.DomainName)).toContain('.execute-api.');
    const header = origin.OriginCustomHeaders?.find(
      (candidate) => candidate.HeaderName === ORIGIN_VERIFY_HEADER,
    );
    expect(JSON.stringify(header?.HeaderValue)).toContain('{{resolve:secretsmanager:');
    expect(JSON.stringify(header?.HeaderValue)).toContain(secretRef());
  });

  it("sets the viewer's address on every API request from CloudFront's own view, replacing any sent", () => {
    const [, distribution] = propertiesOf<{
      DistributionConfig: { CacheBehaviors: { PathPattern: string; FunctionAssociations?: unknown[] }[] };
    }>(template, 'AWS::CloudFront::Distribution')[0]!;
    const api = distribution.DistributionConfig.CacheBehaviors.find(
      (behavior) => behavior.PathPattern === '/v1/*',
    )!;
    expect(api.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: expect.anything() as unknown },
    ]);
    const code = propertiesOf<{ FunctionCode: string }>(template, 'AWS::CloudFront::Function')
      .map(([, properties]) => properties.FunctionCode)
      .find((candidate) => candidate.includes(VIEWER_ADDRESS_HEADER))!;
    // Run the function as CloudFront would: the client's forged header is replaced.
    const request = runInNewContext(`${code}\nhandler(event);`, {
      event: {
        viewer: { ip: '198.51.100.7' },
        request: { headers: { [VIEWER_ADDRESS_HEADER]: { value: '10.0.0.1' } } },
      },
    }) as { headers: Record<string, { value: string }> };
    expect(request.headers[VIEWER_ADDRESS_HEADER]).toEqual({ value: '198.51.100.7' });
  });

  it('keys the API cache on the credentials headers and keeps nothing longer than a second', () => {
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        DefaultTTL: 0,
        MinTTL: 0,
        MaxTTL: 1,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['authorization', 'x-tracking-token'] },
        }),
      }),
    });
  });

  it('gives every route function the origin secret, which the middleware checks', () => {
    for (const route of ROUTES) {
      const secret = functionOf(route.name).Environment.Variables.ORIGIN_VERIFY_SECRET;
      expect(JSON.stringify(secret), route.name).toContain(secretRef());
    }
  });

  it('reserves concurrency for exactly the public functions', () => {
    for (const route of ROUTES) {
      expect({ route: route.name, reserved: functionOf(route.name).ReservedConcurrentExecutions }).toEqual({
        route: route.name,
        reserved:
          route.auth === 'public' ? (ROUTE_CONCURRENCY[`${route.method} ${route.path}`] ?? 7) : undefined,
      });
    }
  });

  it('keeps the stage throttle', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
    });
  });

  it('sends the CSP and the usual security headers with the pages', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          ContentSecurityPolicy: {
            // The evidence bucket's origin (previews and uploads) is the only token in it.
            ContentSecurityPolicy: stack.resolve(
              contentSecurityPolicy(
                [],
                `https://${stack.evidence.bucketName}.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`,
              ),
            ) as unknown,
            Override: true,
          },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'same-origin', Override: true },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31_536_000 }),
        },
      }),
    });
    const csp = contentSecurityPolicy();
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/u);
    expect(csp).toContain('https://*.amazoncognito.com');
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe('edge stack', () => {
  it('has a CLOUDFRONT web ACL with a per-IP rate rule and the AWS managed rule groups', () => {
    const app = new App();
    const edge = new ComplaintsEdgeStack(app, 'Edge', {
      env: { region: 'us-east-1' },
      requestsPerIpPer5Minutes: 300,
      botControl: false,
    });
    const template = Template.fromStack(edge);
    const [, webAcl] = propertiesOf<WebAcl>(template, 'AWS::WAFv2::WebACL')[0]!;
    expect(webAcl.Scope).toBe('CLOUDFRONT');
    const rate = webAcl.Rules.find((rule) => rule.Name === RATE_RULE_NAME)!;
    expect(rate.Action).toEqual({ Block: {} });
    expect(rate.Statement.RateBasedStatement).toEqual({ Limit: 300, AggregateKeyType: 'IP' });
    const groups = webAcl.Rules.flatMap((rule) => rule.Statement.ManagedRuleGroupStatement?.Name ?? []);
    expect(groups).toEqual(
      expect.arrayContaining([
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
        'AWSManagedRulesAmazonIpReputationList',
      ]),
    );
    expect(groups).not.toContain('AWSManagedRulesBotControlRuleSet');
  });

  it('adds Bot Control when asked', () => {
    const edge = new ComplaintsEdgeStack(new App(), 'Edge', {
      env: { region: 'us-east-1' },
      requestsPerIpPer5Minutes: 300,
      botControl: true,
    });
    expect(JSON.stringify(Template.fromStack(edge).toJSON())).toContain('AWSManagedRulesBotControlRuleSet');
  });

  it('refuses a region other than us-east-1 (CloudFront web ACLs live there)', () => {
    expect(
      () =>
        new ComplaintsEdgeStack(new App(), 'Edge', {
          env: { region: 'ap-east-1' },
          requestsPerIpPer5Minutes: 300,
          botControl: false,
        }),
    ).toThrow(/us-east-1/u);
  });
});
