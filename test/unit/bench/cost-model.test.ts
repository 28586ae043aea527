import { describe, expect, it } from 'vitest';
import {
  costOf,
  costPerThousand,
  gbSeconds,
  requestUnits,
  US_EAST_1,
  type Usage,
} from '../../../bench/cost-model.ts';

const usage: Usage = {
  stateTransitions: 20,
  lambdaInvocations: 10,
  lambdaGbSeconds: 2,
  readRequestUnits: 8,
  writeRequestUnits: 12,
  sesMessages: 2,
  apiRequests: 4,
};

describe('cost model', () => {
  it('bills Lambda duration per started millisecond at the configured memory', () => {
    expect(gbSeconds(100.2, 512)).toBeCloseTo(0.0505, 10);
    expect(gbSeconds(1000, 1024)).toBe(1);
  });

  it('adds every service at its unit price', () => {
    const cost = costOf(usage, US_EAST_1);
    expect(cost.stepFunctions).toBeCloseTo(20 * 0.000025, 12);
    expect(cost.lambdaRequests).toBeCloseTo(10 * 0.0000002, 12);
    expect(cost.lambdaDuration).toBeCloseTo(2 * 0.0000133334, 12);
    expect(cost.dynamoDb).toBeCloseTo(8 * 0.000000125 + 12 * 0.000000625, 12);
    expect(cost.ses).toBeCloseTo(0.0002, 12);
    expect(cost.apiGateway).toBeCloseTo(0.000004, 12);
    expect(cost.total).toBeCloseTo(
      cost.stepFunctions +
        cost.lambdaRequests +
        cost.lambdaDuration +
        cost.dynamoDb +
        cost.ses +
        cost.apiGateway,
      12,
    );
  });

  it('scales to 1,000 lifecycles', () => {
    expect(costPerThousand(usage, US_EAST_1).total).toBeCloseTo(costOf(usage, US_EAST_1).total * 1000, 9);
  });

  it('splits recorded capacity into read and write units and counts calls without a figure', () => {
    expect(
      requestUnits([
        { operation: 'GetItem', capacity: { CapacityUnits: 0.5 } },
        { operation: 'Query', capacity: { CapacityUnits: 1.5 } },
        { operation: 'TransactWriteItems', capacity: [{ CapacityUnits: 4 }, { CapacityUnits: 2 }] },
        { operation: 'UpdateItemCommand', capacity: { CapacityUnits: 1 } },
        { operation: 'PutItemCommand', capacity: null },
      ]),
    ).toEqual({ read: 2, write: 7, unreported: 1 });
  });
});
