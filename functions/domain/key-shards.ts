/**
 * Index partitions split by a hash of the complaint id, so that no single partition takes every
 * complaint's writes. DynamoDB gives one partition at most 1,000 write units a second (index rows
 * alike); the capacity model (`npm run bench -- --only capacity`, bench/RESULTS.md) measured, at
 * 1 M complaints a day with a 10× peak hour, these writes on the unsplit partitions:
 *
 * | partition | WCU/s measured | shards | each |
 * | --- | --- | --- | --- |
 * | lifecycle watch `watch` | ≈ 1,940 | 8 | ≈ 240 (24 %) |
 *
 * 8 keeps it under half its limit with room for a busier day and keeps the reader at 8 parallel
 * Queries (one round trip). The number may only grow without a migration (readers read 0..N-1; a
 * shard nobody wrote is empty).
 */
export const INDEX_KEY_SHARDS = 8;

/**
 * FNV-1a (32 bit) of the id: spreads ULIDs evenly, and is plain arithmetic, so the module stays
 * usable from code the web app bundles (`node:crypto` does not exist there).
 */
const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
};

/** The shard of a complaint's rows: always the same one for one complaint. */
export const indexShardOf = (complaintId: string, shards: number = INDEX_KEY_SHARDS): number =>
  fnv1a(complaintId) % shards;

/** A partition value in its shard: "<partition>#<shard>". */
export const shardedPartition = (partition: string, complaintId: string): string =>
  `${partition}#${indexShardOf(complaintId)}`;

/**
 * Every partition a reader Queries and merges for `partition`: its shards, then the unsplit value
 * itself, which complaints stored before the split keep until their next save (the index and its key
 * attribute are unchanged, so nothing was redeployed or backfilled; README, "Deploying over an
 * existing table").
 */
export const partitionsToRead = (partition: string): string[] => [
  ...Array.from({ length: INDEX_KEY_SHARDS }, (_, shard) => `${partition}#${shard}`),
  partition,
];
