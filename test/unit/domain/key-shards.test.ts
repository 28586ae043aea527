import { describe, expect, it } from 'vitest';
import {
  INDEX_KEY_SHARDS,
  indexShardOf,
  partitionsToRead,
  shardedPartition,
} from '../../../functions/domain/key-shards.ts';

const ids = Array.from({ length: 4000 }, (_, n) => `01KAQ${String(n).padStart(21, '0')}`);

describe('index key shards', () => {
  it('puts one complaint always in the same shard', () => {
    expect(shardedPartition('watch', ids[7]!)).toBe(shardedPartition('watch', ids[7]!));
    expect(shardedPartition('2026-11-23', ids[7]!)).toBe(`2026-11-23#${indexShardOf(ids[7]!)}`);
  });

  it('spreads complaints evenly: no shard takes more than 1.2× its share', () => {
    const counts = new Array<number>(INDEX_KEY_SHARDS).fill(0);
    for (const id of ids) counts[indexShardOf(id)]! += 1;
    expect(Math.max(...counts)).toBeLessThan((1.2 * ids.length) / INDEX_KEY_SHARDS);
  });

  it('has readers read every shard and the unsplit partition of older saves', () => {
    const partitions = partitionsToRead('all#open');
    expect(partitions).toHaveLength(INDEX_KEY_SHARDS + 1);
    expect(partitions).toContain('all#open');
    for (const id of ids.slice(0, 50)) expect(partitions).toContain(shardedPartition('all#open', id));
  });
});
