import { canReadAccessLog, type AccessLogView } from '../domain/access-log.ts';
import type { StaffPrincipal } from '../domain/staff.ts';
import type { AccessLog, ComplaintStore, StaffDirectory } from './ports.ts';

export type AccessLogPage =
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  | { kind: 'listed'; items: AccessLogView['items']; next: string | undefined };

/** A case's access log, newest first, for managers, admins and the case department's supervisors. */
export const readAccessLog = async (
  deps: { store: Pick<ComplaintStore, 'get'>; log: AccessLog; directory: StaffDirectory },
  principal: StaffPrincipal,
  complaintId: string,
  page: { limit: number; after?: string | undefined },
): Promise<AccessLogPage> => {
  const complaint = await deps.store.get(complaintId);
  if (!complaint) return { kind: 'not-found' };
  if (!canReadAccessLog(principal, complaint.department)) return { kind: 'forbidden' };
  const { records, next } = await deps.log.ofCase(complaintId, page);
  const names = new Map<string, string | undefined>();
  for (const by of new Set(records.map((record) => record.by)))
    names.set(by, (await deps.directory.find(by))?.name);
  return {
    kind: 'listed',
    items: records.map((record) => ({
      kind: record.kind,
      by: record.by,
      ...(names.get(record.by) ? { byName: names.get(record.by)! } : {}),
      roles: record.roles,
      ...(record.department ? { department: record.department } : {}),
      at: record.at,
      ...(record.attachmentId ? { attachmentId: record.attachmentId } : {}),
    })),
    next,
  };
};
