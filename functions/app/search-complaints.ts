import type { SearchTerm } from '../domain/contact-keys.ts';
import type { QueueItem } from '../domain/queue.ts';

/** The keyed lookups a staff search uses (functions/adapters/queue-repository.ts). */
export interface ComplaintLookup {
  idOfReference(reference: string): Promise<string | undefined>;
  /** Newest first, at most `limit`. */
  idsOfCustomer(by: 'email' | 'phone', key: string, limit: number): Promise<string[]>;
  queueItems(ids: readonly string[]): Promise<QueueItem[]>;
}

/** How many complaints a search by email or phone lists at most (one page, newest first). */
export const SEARCH_LIMIT = 100;

/**
 * A staff search: a reference goes straight to its complaint, an email or phone number finds the
 * customer's complaints by exact match on a keyed index. Only complaints of a department the caller
 * may see (`visible`) come back, newest first.
 */
export const searchComplaints = async (
  lookup: ComplaintLookup,
  term: SearchTerm,
  visible: (item: QueueItem) => boolean,
): Promise<QueueItem[]> => {
  let ids: string[];
  if (term.kind === 'reference') {
    const id = await lookup.idOfReference(term.reference);
    ids = id ? [id] : [];
  } else if (term.kind === 'email') {
    ids = await lookup.idsOfCustomer('email', term.customerKey, SEARCH_LIMIT);
  } else {
    ids = await lookup.idsOfCustomer('phone', term.customerPhoneKey, SEARCH_LIMIT);
  }
  const items = await lookup.queueItems(ids);
  return items.filter(visible).toSorted((a, b) => b.submittedAt.localeCompare(a.submittedAt));
};
