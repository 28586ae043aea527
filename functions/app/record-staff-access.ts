import { accessRecord, type AccessRecord } from '../domain/access-log.ts';
import type { StaffPrincipal } from '../domain/staff.ts';
import type { AccessLog, Clock } from './ports.ts';

/** The read's record could not be written: the read is refused (answered 503), never served unrecorded. */
export class AccessNotRecorded extends Error {
  override name = 'AccessNotRecorded';
}

/** Records one staff read (a case, a download, an export) before its data is handed over. */
export const recordStaffAccess = async (
  deps: { log: AccessLog; clock: Clock; newId: (at: Date) => string },
  principal: StaffPrincipal,
  what: Pick<AccessRecord, 'kind' | 'complaintId' | 'attachmentId' | 'export'>,
): Promise<void> => {
  const at = deps.clock.now();
  try {
    await deps.log.record(accessRecord(principal, what, deps.newId(at), at));
  } catch (error) {
    throw new AccessNotRecorded(`the ${what.kind} could not be recorded`, { cause: error });
  }
};
