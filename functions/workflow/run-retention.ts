import type { Context } from 'aws-lambda';
import { runRetention } from '../app/run-retention.ts';
import { clock } from '../adapters/clock.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { evidenceFiles } from '../adapters/evidence-files.ts';
import { logger } from '../adapters/logger.ts';
import { personalDataStore } from '../adapters/personal-data-store.ts';
import { policySource } from '../adapters/policy-source.ts';
import { retentionIndex } from '../adapters/retention-index.ts';
import { RETENTION_JOB } from './retention-job.ts';
import { backgroundHandler } from './task-handler.ts';

/**
 * Anonymises the complaints whose retention period is over (app/run-retention.ts). A complaint it
 * could not handle fails the run after the others are done, so the function's error alarm fires; the
 * complaint stays in the index and the next run tries again.
 */
export const handler = backgroundHandler(async (_event: unknown, context?: Context) => {
  const run = await runRetention(
    {
      complaints: complaintStore,
      personalData: personalDataStore,
      evidence: evidenceFiles,
      policy: policySource,
      index: retentionIndex,
      clock,
      remainingMs: () => context?.getRemainingTimeInMillis() ?? RETENTION_JOB.timeoutSeconds * 1000,
    },
    RETENTION_JOB.reserveMs,
  );
  const summary = {
    due: run.due,
    anonymised: run.anonymised.length,
    skipped: run.skipped,
    failed: run.failed.map(({ id }) => id),
    stoppedEarly: run.stoppedEarly,
  };
  if (run.due > 0) logger.info('Retention run', summary);
  for (const { id, error } of run.failed)
    logger.error('Complaint could not be anonymised', { complaintId: id, error });
  if (run.failed.length > 0) throw new Error(`${run.failed.length} complaint(s) could not be anonymised`);
  return summary;
});
