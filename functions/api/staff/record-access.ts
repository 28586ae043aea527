import type { AccessRecord } from '../../domain/access-log.ts';
import type { StaffPrincipal } from '../../domain/staff.ts';
import { AccessNotRecorded, recordStaffAccess } from '../../app/record-staff-access.ts';
import { accessLog } from '../../adapters/access-log-repository.ts';
import { clock } from '../../adapters/clock.ts';
import { newId } from '../../adapters/events.ts';
import { HttpProblem } from '../http/problem.ts';
import { RETRY_AFTER_UNAVAILABLE_SECONDS } from '../http/retry-later.ts';

/**
 * Records a staff read before it is answered; a read that cannot be recorded is refused with 503
 * (Retry-After), since every read of personal data must leave its record (domain/access-log.ts).
 */
export const recordAccessOrRefuse = async (
  principal: StaffPrincipal,
  what: Pick<AccessRecord, 'kind' | 'complaintId' | 'attachmentId' | 'export'>,
): Promise<void> => {
  try {
    await recordStaffAccess({ log: accessLog, clock, newId }, principal, what);
  } catch (error) {
    if (!(error instanceof AccessNotRecorded)) throw error;
    throw new HttpProblem(
      {
        type: '/problems/access-not-recorded',
        title: 'The read could not be recorded',
        status: 503,
        detail: 'Every read of a case is recorded, and recording it failed just now. Try again shortly.',
      },
      RETRY_AFTER_UNAVAILABLE_SECONDS,
    );
  }
};
