import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { isStaffRoute, type RouteDefinition } from '../../functions/routes.ts';
import { type AccessResources, accessProps, grantAccess } from './function-access.ts';
import { NodeFunction } from './node-function.ts';
import { FUNCTION_TIMEOUT_SECONDS } from '../../functions/function-timeouts.ts';
import type { Throttle } from '../api-throttles.ts';

export interface HttpApiProps {
  routes: readonly RouteDefinition[];
  /**
   * Guards every staff route (`auth: { roles }`); required when there is one. It only authenticates:
   * the handlers check the roles.
   */
  staffAuthorizer?: IHttpRouteAuthorizer;
  /** What the route functions may be granted; links in their emails point at this API. */
  resources: AccessResources;
  /**
   * Origins allowed by CORS besides the pages' own. The deployed pages call the API on their own origin
   * (CloudFront serves both), so they need none; no origins: no CORS at all.
   */
  allowedOrigins: string[];
  /** The stage's default throttle: every route without one of its own. */
  throttle: Throttle;
  /** Routes' own throttles, by route key ("POST /v1/complaints"). */
  routeThrottles?: Readonly<Record<string, Throttle>>;
  /** Reserved concurrency of public routes that need another figure than `publicConcurrency`, by route key. */
  routeConcurrency?: Readonly<Record<string, number>>;
  /**
   * Reserved concurrency of each public route's function: a flood of anonymous requests can use at most
   * this many execution environments per route, leaving the rest of the account's concurrency to the
   * staff routes and the workflow. `undefined`: unreserved.
   */
  publicConcurrency?: number;
  /**
   * The secret CloudFront sends in ORIGIN_VERIFY_HEADER; given to every route function as
   * ORIGIN_VERIFY_SECRET (functions/api/http/origin-verify.ts refuses requests without it).
   */
  originSecret?: ISecret;
  removalPolicy: RemovalPolicy;
}

/** One access-log line per request, as JSON. No query strings: they carry tracking tokens. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTimeEpoch',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationStatus: '$context.integrationStatus',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    errorMessage: '$context.error.message',
  }),
);

/**
 * The HTTP API of ROUTES: one function, integration and route per entry, a throttled default
 * stage with access logs, and CORS for the public pages.
 */
export class ComplaintsHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** Route name → its function. */
  readonly functions = new Map<string, NodeFunction>();

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);

    const staffRoutes = props.routes.filter(isStaffRoute);
    if (staffRoutes.length > 0 && !props.staffAuthorizer) {
      throw new Error(`Staff routes need a staffAuthorizer: ${staffRoutes.map((r) => r.name).join(', ')}`);
    }
    // The methods the routes use, so a new staff route with another method passes the preflight.
    const methods = [
      ...new Set<RouteDefinition['method']>(['GET', 'POST', ...props.routes.map((route) => route.method)]),
    ];

    this.api = new HttpApi(this, 'Api', {
      description: 'Complaint handling: public intake and tracking, staff API',
      createDefaultStage: false,
      corsPreflight:
        props.allowedOrigins.length === 0
          ? undefined
          : {
              allowOrigins: props.allowedOrigins,
              allowMethods: methods.map((method) => CorsHttpMethod[method]),
              // authorization: the staff console's bearer token.
              allowHeaders: [
                'content-type',
                'idempotency-key',
                'proof-of-work',
                'x-tracking-token',
                'authorization',
              ],
              // link: the next page of a paged CSV export.
              exposeHeaders: ['location', 'idempotent-replayed', 'link'],
              maxAge: Duration.hours(1),
            },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: props.removalPolicy,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });

    const { resources } = props;
    const routeThrottles = props.routeThrottles ?? {};
    const stage = this.stage.node.defaultChild as CfnStage;
    stage.routeSettings = Object.fromEntries(
      Object.entries(routeThrottles).map(([routeKey, { rateLimit, burstLimit }]) => [
        routeKey,
        // Typed as plain JSON by CDK, so written as CloudFormation spells it (PascalCase).
        { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit },
      ]),
    );
    for (const route of props.routes) {
      const isPublic = route.auth === 'public';
      const routeKey = `${route.method} ${route.path}`;
      const concurrency = isPublic
        ? (props.routeConcurrency?.[routeKey] ?? props.publicConcurrency)
        : undefined;
      const access = accessProps(route.access, resources);
      const handler = new NodeFunction(this, route.name, {
        entry: route.entry,
        description: `${route.method} ${route.path}: ${route.description}`,
        tableName: props.resources.table.tableName,
        timeout: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.API),
        removalPolicy: props.removalPolicy,
        ...(concurrency !== undefined ? { reservedConcurrentExecutions: concurrency } : {}),
        ...access,
        environment: {
          ...access.environment,
          // A dynamic reference: CloudFormation puts the value in at deploy time; it is not in the template.
          ...(props.originSecret
            ? { ORIGIN_VERIFY_SECRET: props.originSecret.secretValue.unsafeUnwrap() }
            : {}),
        },
      });
      grantAccess(handler, route.access, resources);
      this.functions.set(route.name, handler);

      const [apiRoute] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.name}Integration`, handler.function),
        // Staff routes are authorized by API Gateway (so cdk-nag's APIG4 holds); public ones are not.
        ...(isPublic ? {} : { authorizer: props.staffAuthorizer }),
      });
      // A stage's route settings name routes that must exist first.
      if (apiRoute && routeKey in routeThrottles) stage.node.addDependency(apiRoute);
      if (isPublic && apiRoute) {
        const reason =
          `${route.method} ${route.path} is public by design (${route.description}): complainants have no ` +
          'accounts. Reading a complaint requires its signed tracking token; the web ACL, the stage throttle ' +
          'and reserved concurrency limit abuse. Staff routes have a JWT authorizer.';
        Validations.of(apiRoute.node.defaultChild ?? apiRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason,
        });
        Validations.of(apiRoute.node.defaultChild ?? apiRoute).acknowledge({
          id: 'cdk-validator-cfnguard::api_gw_v2_authorization_type_configured_check',
          reason,
        });
      }
      if (apiRoute) {
        Validations.of(apiRoute).acknowledge({
          id: 'cdk-validator-cfnguard::lambda_function_public_access_prohibited_check',
          reason:
            'The permission lets only API Gateway invoke the function, with SourceArn set to this API’s ' +
            'execute-api ARN; the rule cannot read a SourceArn built with Fn::Join and reports it as missing.',
        });
      }
    }
  }

  /** The execute-api domain name, CloudFront's origin for /v1/*. */
  get domainName(): string {
    const stack = Stack.of(this);
    return `${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }

  /** The invoke URL of the default stage, ending with a slash. */
  get url(): string {
    return this.stage.url;
  }
}
