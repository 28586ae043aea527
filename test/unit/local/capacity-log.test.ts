import { describe, expect, it } from 'vitest';
import { indexRowChanges, queriedPartition } from '../../../local/capacity-log.ts';

const complaint = (over: Record<string, { S: string }> = {}) => ({
  pk: { S: 'COMPLAINT#1' },
  sk: { S: 'META' },
  queueAll: { S: 'all#open' },
  queueDueAt: { S: '2026-11-01T00:00:00Z#1' },
  status: { S: 'open' },
  description: { S: 'text' },
  ...over,
});

describe('indexRowChanges', () => {
  it('puts the rows of a new item on the partitions its index keys name', () => {
    expect(indexRowChanges(undefined, complaint())).toEqual([
      { index: 'queueAllByDue', partition: 'all#open', change: 'put' },
    ]);
  });

  it('rewrites a row in place when a projected attribute changes, not when another does', () => {
    expect(indexRowChanges(complaint(), complaint({ status: { S: 'resolved' } }))).toEqual([
      { index: 'queueAllByDue', partition: 'all#open', change: 'update' },
    ]);
    expect(indexRowChanges(complaint(), complaint({ description: { S: 'other' } }))).toEqual([]);
  });

  it('deletes and puts a row whose key changes', () => {
    expect(indexRowChanges(complaint(), complaint({ queueAll: { S: 'all#done' } }))).toEqual([
      { index: 'queueAllByDue', partition: 'all#open', change: 'delete' },
      { index: 'queueAllByDue', partition: 'all#done', change: 'put' },
    ]);
  });
});

describe('queriedPartition', () => {
  it('reads the partition value from the key condition, by name or placeholder', () => {
    expect(
      queriedPartition(
        {
          KeyConditionExpression: '#q = :q AND queueDueAt > :after',
          ExpressionAttributeNames: { '#q': 'queueAll' },
          ExpressionAttributeValues: { ':q': { S: 'all#open' }, ':after': { S: 'x' } },
        },
        'queueAll',
      ),
    ).toBe('all#open');
    expect(
      queriedPartition(
        { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'KPI#all' } } },
        'pk',
      ),
    ).toBe('KPI#all');
  });
});
