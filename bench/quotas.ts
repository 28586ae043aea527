import { ROUTE_THROTTLES, STAGE_THROTTLE } from '../infra/api-throttles.ts';

/**
 * The limits the capacity model (bench/capacity.ts) measures the design against: AWS default quotas
 * in the deployment Region README documents (`-c region=`, else the CDK CLI's, us-east-1 without AWS
 * configuration) and the limits this stack configures, read from where the stack declares them.
 * Data, each with where it comes from. `raise` marks an adjustable quota README's operations section
 * tells operators to request an increase of before going live; the model leaves those out of the
 * first limit and lists the value needed instead.
 */

export type Usage =
  /** per second */
  | 'stateTransitions'
  | 'startExecutions'
  | 'lambdaConcurrency'
  | 'apiRequests'
  /** per second, on one route: `Quota.route`, or the busiest route without a throttle of its own */
  | 'apiRouteRequests'
  | 'sesMessagesPerSecond'
  | 'tableWriteUnits'
  | 'tableReadUnits'
  /** standing count: complaints/day × execution lifetime in days */
  | 'openExecutions'
  /** per day */
  | 'sesMessagesPerDay';

export interface Quota {
  component: string;
  limit: number;
  unit: string;
  usage: Usage;
  adjustable: boolean;
  source: string;
  raise?: true;
  /** For `apiRouteRequests`: the route key ("POST /v1/complaints"); none for the stage default. */
  route?: string;
}

/** The Region the model's Region-dependent defaults are for: README's default deployment Region. */
export const DEPLOYMENT_REGION = 'us-east-1';

/** Step Functions' three largest Regions, where its throttling quotas are higher (the quotas page). */
const LARGE_STEP_FUNCTIONS_REGIONS = new Set(['us-east-1', 'us-west-2', 'eu-west-1']);
const largeStepFunctionsRegion = LARGE_STEP_FUNCTIONS_REGIONS.has(DEPLOYMENT_REGION);

/**
 * The API's throttles as infra/api-throttles.ts sets them (one source of truth): HTTP API route
 * settings limit each route on its own, so each route with its own setting is a row, and the stage
 * default applies to each other route (the busiest one is the row).
 */
const apiRouteQuotas = (): Quota[] => [
  ...Object.entries(ROUTE_THROTTLES).map(([route, throttle]): Quota => ({
    component: `API route throttle ${route} (configured)`,
    limit: throttle.rateLimit,
    unit: 'requests/s',
    usage: 'apiRouteRequests',
    route,
    adjustable: true,
    source: `this stack: infra/api-throttles.ts ROUTE_THROTTLES['${route}'] rateLimit ${throttle.rateLimit} (burst ${throttle.burstLimit}), the $default stage's route settings`,
  })),
  {
    component: 'API stage default throttle, per other route (configured)',
    limit: STAGE_THROTTLE.rateLimit,
    unit: 'requests/s',
    usage: 'apiRouteRequests',
    adjustable: true,
    source: `this stack: infra/api-throttles.ts STAGE_THROTTLE rateLimit ${STAGE_THROTTLE.rateLimit} (burst ${STAGE_THROTTLE.burstLimit}), the $default stage's default route settings, which limit each route`,
  },
];

export const QUOTAS: readonly Quota[] = [
  {
    component: 'Step Functions open executions',
    limit: 1_000_000,
    unit: 'executions',
    usage: 'openExecutions',
    adjustable: true,
    raise: true,
    source:
      'Step Functions Developer Guide, Service quotas, Quotas related to accounts: maximum open executions per account and Region (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html)',
  },
  {
    component: `Step Functions state transitions (Standard, refill, ${DEPLOYMENT_REGION})`,
    // The refill rate, not the bucket: the bucket (5,000; 800 elsewhere) is spent within seconds
    // at a peak hour's steady rate, after which transitions run at the refill rate.
    limit: largeStepFunctionsRegion ? 1_500 : 500,
    unit: '/s',
    usage: 'stateTransitions',
    adjustable: true,
    source:
      'Step Functions Developer Guide, Service quotas, Quotas related to state throttling, Standard: StateTransition bucket size 5,000 and refill rate 1,500/s in US East (N. Virginia), US West (Oregon) and Europe (Ireland); bucket 800 and refill 500/s in all other Regions; new accounts start lower and are raised with usage (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html)',
  },
  {
    component: `Step Functions StartExecution (Standard, refill, ${DEPLOYMENT_REGION})`,
    limit: largeStepFunctionsRegion ? 300 : 150,
    unit: '/s',
    usage: 'startExecutions',
    adjustable: true,
    source:
      'Step Functions Developer Guide, Service quotas, Quotas related to API action throttling: StartExecution refill 300/s (bucket 1,300) in us-east-1, us-west-2, eu-west-1; 150/s elsewhere (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html)',
  },
  {
    component: 'Lambda concurrent executions (account)',
    limit: 1_000,
    unit: 'concurrent',
    usage: 'lambdaConcurrency',
    adjustable: true,
    source:
      'Lambda Developer Guide, Lambda quotas: concurrent executions 1,000 per Region (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)',
  },
  ...apiRouteQuotas(),
  {
    component: 'API Gateway throttle (account)',
    limit: 10_000,
    unit: 'requests/s',
    usage: 'apiRequests',
    adjustable: true,
    source:
      'API Gateway Developer Guide, Amazon API Gateway quotas: throttle quota per account per Region across HTTP, REST, WebSocket APIs 10,000 requests/s (burst 5,000) (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html)',
  },
  {
    component: 'DynamoDB table write throughput (on-demand)',
    limit: 40_000,
    unit: 'WRU/s',
    usage: 'tableWriteUnits',
    adjustable: true,
    source:
      'DynamoDB Developer Guide, Service, account, and table quotas: per-table on-demand throughput 40,000 write request units/s (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html)',
  },
  {
    component: 'DynamoDB table read throughput (on-demand)',
    limit: 40_000,
    unit: 'RRU/s',
    usage: 'tableReadUnits',
    adjustable: true,
    source:
      'DynamoDB Developer Guide, Service, account, and table quotas: per-table on-demand throughput 40,000 read request units/s (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html)',
  },
  {
    component: 'SES sending rate',
    limit: 14,
    unit: 'messages/s',
    usage: 'sesMessagesPerSecond',
    adjustable: true,
    raise: true,
    source:
      'SES Developer Guide, Managing your Amazon SES sending quotas: maximum send rate, 14 messages/s when production access is granted, raised on request (https://docs.aws.amazon.com/ses/latest/dg/manage-sending-quotas.html)',
  },
  {
    component: 'SES sending quota',
    limit: 50_000,
    unit: 'messages/24 h',
    usage: 'sesMessagesPerDay',
    adjustable: true,
    raise: true,
    source:
      'SES Developer Guide, Managing your Amazon SES sending quotas: 50,000 messages per 24 hours when production access is granted, raised on request (https://docs.aws.amazon.com/ses/latest/dg/manage-sending-quotas.html)',
  },
];

/** Per-partition throughput, not adjustable (DynamoDB Developer Guide, Partitions and data distribution). */
export const PARTITION_LIMITS = {
  writeUnitsPerSecond: 1_000,
  readUnitsPerSecond: 3_000,
  source:
    'DynamoDB Developer Guide, Burst and adaptive capacity / Partitions: a single partition supports at most 3,000 RCU and 1,000 WCU per second, table and each global secondary index alike (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html); not adjustable',
};

/** Per execution, not adjustable: checked against the longest replayed history, not scaled by volume. */
export const EXECUTION_HISTORY_LIMIT = {
  events: 25_000,
  source:
    'Step Functions Developer Guide, Service quotas, Quotas related to state machine executions: maximum execution history size 25,000 events; not adjustable',
};
