/**
 * USD per complaint lifecycle from measured usage at published on-demand prices. Pure arithmetic,
 * unit-tested; the figures come from bench/cost.ts.
 */

export interface Usage {
  /** Step Functions Standard state transitions. */
  stateTransitions: number;
  /** Lambda invocations with their billed GB-seconds. */
  lambdaInvocations: number;
  lambdaGbSeconds: number;
  /** DynamoDB on-demand request units. */
  readRequestUnits: number;
  writeRequestUnits: number;
  sesMessages: number;
  /** HTTP API requests (public and staff). */
  apiRequests: number;
}

/** Prices in USD, with where they come from. */
export interface PriceList {
  region: string;
  asOf: string;
  lambdaPerGbSecondArm: number;
  lambdaPerRequest: number;
  stepFunctionsPerTransition: number;
  dynamoDbPerReadRequestUnit: number;
  dynamoDbPerWriteRequestUnit: number;
  sesPerMessage: number;
  httpApiPerRequest: number;
}

/** us-east-1 list prices (first pricing tier, no free tier), as published on aws.amazon.com/pricing. */
export const US_EAST_1: PriceList = {
  region: 'us-east-1',
  asOf: 'AWS pricing pages, on-demand, first tier; DynamoDB after the November 2024 on-demand price cut',
  lambdaPerGbSecondArm: 0.0000133334,
  lambdaPerRequest: 0.2 / 1e6,
  stepFunctionsPerTransition: 0.025 / 1000,
  dynamoDbPerReadRequestUnit: 0.125 / 1e6,
  dynamoDbPerWriteRequestUnit: 0.625 / 1e6,
  sesPerMessage: 0.1 / 1000,
  httpApiPerRequest: 1.0 / 1e6,
};

/** Billed GB-seconds of one invocation: duration rounded up to the millisecond, times memory. */
export const gbSeconds = (durationMs: number, memoryMb: number): number =>
  (Math.ceil(durationMs) / 1000) * (memoryMb / 1024);

export type CostBreakdown = Record<
  'stepFunctions' | 'lambdaRequests' | 'lambdaDuration' | 'dynamoDb' | 'ses' | 'apiGateway' | 'total',
  number
>;

/** USD for `usage` once. */
export const costOf = (usage: Usage, prices: PriceList): CostBreakdown => {
  const parts = {
    stepFunctions: usage.stateTransitions * prices.stepFunctionsPerTransition,
    lambdaRequests: usage.lambdaInvocations * prices.lambdaPerRequest,
    lambdaDuration: usage.lambdaGbSeconds * prices.lambdaPerGbSecondArm,
    dynamoDb:
      usage.readRequestUnits * prices.dynamoDbPerReadRequestUnit +
      usage.writeRequestUnits * prices.dynamoDbPerWriteRequestUnit,
    ses: usage.sesMessages * prices.sesPerMessage,
    apiGateway: usage.apiRequests * prices.httpApiPerRequest,
  };
  return { ...parts, total: Object.values(parts).reduce((sum, part) => sum + part, 0) };
};

/** USD per 1,000 lifecycles like `usage`. */
export const costPerThousand = (usage: Usage, prices: PriceList): CostBreakdown => {
  const once = costOf(usage, prices);
  return Object.fromEntries(Object.entries(once).map(([key, value]) => [key, value * 1000])) as CostBreakdown;
};

const READ_OPERATIONS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

/** One DynamoDB call as recorded by local/capacity-log.ts. */
export interface CapacityRecord {
  operation: string;
  capacity: { CapacityUnits?: number } | { CapacityUnits?: number }[] | null;
}

/** Read and write request units of recorded calls, split by the kind of operation. */
export const requestUnits = (records: readonly CapacityRecord[]) => {
  let read = 0;
  let write = 0;
  let unreported = 0;
  for (const record of records) {
    const list = record.capacity === null ? [] : [record.capacity].flat();
    if (list.length === 0) unreported += 1;
    const units = list.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
    if (READ_OPERATIONS.has(record.operation)) read += units;
    else write += units;
  }
  return { read, write, unreported };
};
