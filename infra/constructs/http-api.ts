import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../../functions/routes.ts';
import { NodeFunction } from './node-function.ts';

export interface HttpApiProps {
  routes: readonly RouteDefinition[];
  table: ITable;
  /** The key that signs and verifies the complainant's tracking tokens. */
  tokenSigningSecret: ISecret;
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

    this.api = new HttpApi(this, 'Api', {
      description: 'Complaint handling: public intake and tracking',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: props.allowedOrigins,
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
        allowHeaders: ['content-type', 'idempotency-key', 'x-tracking-token'],
        exposeHeaders: ['location', 'idempotent-replayed'],
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

    for (const route of props.routes) {
      // Public routes authenticate the complainant with a signed tracking token: they issue or verify it.
      const isPublic = route.auth === 'public';
      const handler = new NodeFunction(this, route.name, {
        entry: route.entry,
        description: `${route.method} ${route.path}: ${route.description}`,
        tableName: props.table.tableName,
        environment: isPublic ? { TOKEN_SIGNING_SECRET_ARN: props.tokenSigningSecret.secretArn } : {},
        removalPolicy: props.removalPolicy,
      });
      if (route.method === 'GET') props.table.grantReadData(handler.function);
      else props.table.grantReadWriteData(handler.function);
      if (isPublic) props.tokenSigningSecret.grantRead(handler.function);
      this.functions.set(route.name, handler);

      const [apiRoute] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.name}Integration`, handler.function),
      });
      if (isPublic && apiRoute) {
        Validations.of(apiRoute.node.defaultChild ?? apiRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            `${route.method} ${route.path} is public by design (${route.description}): complainants have no ` +
            'accounts. Reading a complaint requires its signed tracking token, and the stage is throttled. ' +
            'Staff routes will have a JWT authorizer.',
        });
      }
    }
  }

  /** The invoke URL of the default stage, ending with a slash. */
  get url(): string {
    return this.stage.url;
  }
}
