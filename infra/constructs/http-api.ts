import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { isStaffRoute, type RouteDefinition } from '../../functions/routes.ts';
import { type AccessResources, accessProps, grantAccess } from './function-access.ts';
import { NodeFunction } from './node-function.ts';

export interface HttpApiProps {
  routes: readonly RouteDefinition[];
  /**
   * Guards every staff route (`auth: { roles }`); required when there is one. It only authenticates:
   * the handlers check the roles.
   */
  staffAuthorizer?: IHttpRouteAuthorizer;
  /** What the route functions may be granted; links in their emails point at this API. */
  resources: AccessResources;
  /** Origins allowed by CORS (the public web pages). */
  allowedOrigins: string[];
  throttle: { rateLimit: number; burstLimit: number };
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
      corsPreflight: {
        allowOrigins: props.allowedOrigins,
        allowMethods: methods.map((method) => CorsHttpMethod[method]),
        // authorization: the staff console's bearer token.
        allowHeaders: ['content-type', 'idempotency-key', 'x-tracking-token', 'authorization'],
        // link: the next page of a paged CSV export.
        exposeHeaders: ['location', 'idempotent-replayed', 'link'],
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });

    const { resources } = props;
    for (const route of props.routes) {
      const isPublic = route.auth === 'public';
      const handler = new NodeFunction(this, route.name, {
        entry: route.entry,
        description: `${route.method} ${route.path}: ${route.description}`,
        tableName: props.resources.table.tableName,
        removalPolicy: props.removalPolicy,
        ...accessProps(route.access, resources),
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
      if (isPublic && apiRoute) {
        Validations.of(apiRoute.node.defaultChild ?? apiRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            `${route.method} ${route.path} is public by design (${route.description}): complainants have no ` +
            'accounts. Reading a complaint requires its signed tracking token, and the stage is throttled. ' +
            'Staff routes have a JWT authorizer.',
        });
      }
    }
  }

  /** The invoke URL of the default stage, ending with a slash. */
  get url(): string {
    return this.stage.url;
  }
}
