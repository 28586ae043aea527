import type { EraseComplaint } from '../app/data-request-ports.ts';

/**
 * Erasure of one complaint's personal data: app/anonymise-complaint.ts (helper wt-retention's, not yet
 * merged into this branch). Until it is, an erasure that reaches an erasable complaint fails loudly
 * (the stream record is retried, the request stays `received` in the staff queue) rather than
 * pretending to erase.
 */
export const eraseComplaint: EraseComplaint = ({ complaintId }) =>
  Promise.reject(
    new Error(`Erasure of ${complaintId} needs app/anonymise-complaint.ts (branch wt-retention)`),
  );
