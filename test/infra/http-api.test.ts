import { readFileSync } from 'node:fs';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../../functions/routes.ts';
import { ComplaintsHttpApi, type HttpApiProps } from '../../infra/constructs/http-api.ts';
import { fromRepoRoot } from '../../infra/repo-root.ts';

const cdkJsonContext = (JSON.parse(readFileSync(fromRepoRoot('cdk.json'), 'utf8')) as { context: object })
  .context;

/** Any handler file will do: bundling is skipped. */
const ENTRY = 'test/unit/local/fixtures/echo-claims.ts';
const ROUTES: RouteDefinition[] = [
  {
    name: 'Probe',
    method: 'PATCH',
    path: '/v1/staff/probe',
    entry: ENTRY,
    auth: { roles: ['agent'] },
    access: { table: 'read' },
    description: 'x',
  },
  {
    name: 'PublicProbe',
    method: 'GET',
    path: '/v1/probe',
    entry: ENTRY,
    auth: 'public',
    access: { table: 'none' },
    description: 'x',
  },
];

const build = (props: Partial<HttpApiProps>) => {
  const app = new App({ context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Test');
  const table = new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
  const api = new ComplaintsHttpApi(stack, 'Http', {
    routes: ROUTES,
    resources: {
      table,
      tokenSigningSecret: new Secret(stack, 'Key'),
      senderIdentity: new EmailIdentity(stack, 'Sender', { identity: Identity.email('a@example.com') }),
      senderEmail: 'a@example.com',
      publicWebUrl: 'https://web.example.com',
      policyFile: fromRepoRoot('policy/complaint-policy.json'),
      staffUserPool: new UserPool(stack, 'Staff'),
      evidenceBucket: {
        name: 'evidence',
        objectsArn: 'arn:aws:s3:::evidence/complaints/*',
        exportsArn: 'arn:aws:s3:::evidence/data-requests/*',
      },
      malwareScan: false,
    },
    allowedOrigins: ['*'],
    throttle: { rateLimit: 1, burstLimit: 1 },
    removalPolicy: RemovalPolicy.DESTROY,
    ...props,
  });
  return { stack, api };
};

describe('ComplaintsHttpApi', () => {
  it('puts the staff authorizer on staff routes only, whatever the route table', () => {
    const authorizer = new HttpJwtAuthorizer('Staff', 'https://issuer.example', { jwtAudience: ['client'] });
    const template = Template.fromStack(build({ staffAuthorizer: authorizer }).stack);
    const [authorizerId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Audience: ['client'], Issuer: 'https://issuer.example' },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'PATCH /v1/staff/probe',
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: authorizerId },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /v1/probe',
      AuthorizationType: 'NONE',
      AuthorizerId: Match.absent(),
    });
    // The preflight admits the staff route's method and the bearer token.
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowMethods: Match.arrayWith(['PATCH']),
        AllowHeaders: Match.arrayWith(['authorization']),
      },
    });
  });

  it('refuses a staff route without an authorizer rather than leave it open', () => {
    expect(() => build({})).toThrow(/Staff routes need a staffAuthorizer: Probe/u);
  });
});
