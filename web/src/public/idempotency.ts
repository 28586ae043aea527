const STORAGE_KEY = 'complaints.pending-submission';

/**
 * The Idempotency-Key of a submission: the same body keeps its key across retries (and reloads of
 * the page), so a retry after a lost answer never files the complaint twice; another body gets a
 * new key, because the API refuses a key reused with a different body. `storageKey`: one pending
 * submission per form (the console's log form keeps its own).
 */
export const idempotencyKeyFor = (body: string, storageKey = STORAGE_KEY): string => {
  const pending = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as {
    key: string;
    body: string;
  } | null;
  if (pending?.body === body) return pending.key;
  const key = crypto.randomUUID();
  sessionStorage.setItem(storageKey, JSON.stringify({ key, body }));
  return key;
};

/** Forgets the key once the API has answered for good (created, or refused the body). */
export const settleSubmission = (storageKey = STORAGE_KEY) => sessionStorage.removeItem(storageKey);
