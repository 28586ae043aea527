import { describe, expect, it } from 'vitest';
import {
  decodeQueueCursor,
  encodeQueueCursor,
  listingFingerprint,
  queueSegments,
  statesFor,
  type CursorShape,
} from '../../../functions/domain/queue-plan.ts';
import { assigneeFilter } from '../../../functions/domain/queue.ts';

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const shape: CursorShape = {
  segments: 2,
  indexKey: (segment) => ({
    partition: 'queueAll',
    value: segment === 0 ? 'all#open' : 'all#done',
    sort: 'queueDueAt',
  }),
};
const key = {
  pk: `COMPLAINT#${ID}`,
  sk: 'META',
  queueAll: 'all#open',
  queueDueAt: `2026-12-28T02:00:00.000Z#${ID}`,
};
const FINGERPRINT = listingFingerprint({ sort: 'due', state: 'any' });

describe('queue plan', () => {
  it('reads open work, then finished cases, for "any" status; a status reads its own half', () => {
    expect(statesFor('open', 'any', undefined)).toEqual(['open', 'done']);
    expect(statesFor('any', undefined, undefined)).toEqual(['open', 'done']);
    expect(statesFor('open', 'closed', undefined)).toEqual(['done']);
    expect(statesFor('done', 'investigating', undefined)).toEqual(['open']);
    expect(statesFor('any', 'any', true)).toEqual(['open']);
  });

  it('sorts by priority as one due-time read per priority, untriaged last (first when descending)', () => {
    expect(queueSegments(['open'], 'priority', 'asc').map((segment) => segment.priority)).toEqual([
      'P1',
      'P2',
      'P3',
      'P4',
      'none',
    ]);
    const descending = queueSegments(['open'], 'priority', 'desc');
    expect(descending.map((segment) => segment.priority)).toEqual(['none', 'P4', 'P3', 'P2', 'P1']);
    expect(descending.every((segment) => !segment.forward && segment.order === 'due')).toBe(true);
    expect(queueSegments(['open', 'done'], 'submitted', 'desc')).toEqual([
      { state: 'open', order: 'submitted', forward: false },
      { state: 'done', order: 'submitted', forward: false },
    ]);
  });

  it('reads back the cursors it wrote', () => {
    const encoded = encodeQueueCursor({ segment: 0, key }, FINGERPRINT);
    expect(decodeQueueCursor(encoded, FINGERPRINT, shape)).toEqual({ segment: 0, key });
    const between = encodeQueueCursor({ segment: 1, key: {} }, FINGERPRINT);
    expect(decodeQueueCursor(between, FINGERPRINT, shape)).toEqual({ segment: 1, key: {} });
  });

  it('refuses forged, malformed and foreign cursors', () => {
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const valid = { v: 1, f: FINGERPRINT, s: 0, k: key };
    for (const cursor of [
      'not-base64-json',
      forge([1, 2]),
      forge({ ...valid, f: 'another-listing' }),
      forge({ ...valid, s: 2 }),
      forge({ ...valid, s: 0.5 }),
      forge({ ...valid, k: { ...key, extra: 'x' } }),
      forge({ ...valid, k: { ...key, queueAll: 'quality#open' } }),
      forge({ ...valid, k: { ...key, pk: 'KPI#all' } }),
      forge({ ...valid, k: { ...key, sk: 'EVENT#1' } }),
      forge({ ...valid, k: { ...key, queueDueAt: 42 } }),
      forge({ ...valid, k: { pk: key.pk, sk: key.sk } }),
    ]) {
      expect(decodeQueueCursor(cursor, FINGERPRINT, shape), cursor).toBeUndefined();
    }
  });

  it('refuses a cursor past the end of an overdue range', () => {
    const encoded = encodeQueueCursor({ segment: 0, key }, FINGERPRINT);
    expect(
      decodeQueueCursor(encoded, FINGERPRINT, { ...shape, sortBelow: '2026-12-28T01:00:00.000Z' }),
    ).toBeUndefined();
    expect(
      decodeQueueCursor(encoded, FINGERPRINT, { ...shape, sortBelow: '2026-12-29T00:00:00.000Z' }),
    ).toBeDefined();
  });

  it('reads assignee=me as the caller and assignee=unassigned as nobody', () => {
    const agent = { subject: 'agent-7', roles: ['agent' as const], department: 'quality' };
    expect(assigneeFilter(agent, 'me')).toEqual({ assignee: 'agent-7', unassigned: false });
    expect(assigneeFilter(agent, 'unassigned')).toEqual({ assignee: undefined, unassigned: true });
    expect(assigneeFilter(agent, 'agent-2')).toEqual({ assignee: 'agent-2', unassigned: false });
    expect(assigneeFilter(agent, undefined)).toEqual({ assignee: undefined, unassigned: false });
  });
});
