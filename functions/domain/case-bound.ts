import type { CaseDetail, CaseTrim } from './staff-view.ts';

/**
 * What a case response may weigh, JSON-encoded, leaving room under Lambda's 6 MB response limit for
 * the API Gateway envelope. Messages are bounded per complaint (policy `limits`), but a case's audit
 * trail and mail grow with its life (reminders, lost-link mails, reopenings), and a case that cannot be
 * read cannot be worked.
 */
export const MAX_CASE_BODY_BYTES = 5 * 1024 * 1024;

const MAIL_PREVIEW_CHARS = 2_000;
const encoder = new TextEncoder();
const bytes = (value: unknown): number => encoder.encode(JSON.stringify(value)).length;

/**
 * The case as it fits within `maxBytes`: unchanged when it does; otherwise, step by step until it
 * does, the audit trail's machinery (already folded by the console) left out, sent mail shortened to a
 * preview, then everything older than one moment — audit entries, notes and conversation alike, the
 * complaint itself always kept — so what is shown is the newest of each, consistent with each other.
 * `trimmed` says how much was left out.
 */
export const boundCaseDetail = (detail: CaseDetail, maxBytes = MAX_CASE_BODY_BYTES): CaseDetail => {
  if (bytes(detail) <= maxBytes) return detail;
  const trim: CaseTrim = { timelineEntries: 0, mailTextsShortened: false, notes: 0, threadEntries: 0 };
  const fits = (candidate: CaseDetail) => bytes({ ...candidate, trimmed: trim }) <= maxBytes;

  const signal = detail.timeline.filter((event) => !event.noise);
  trim.timelineEntries = detail.timeline.length - signal.length;
  const folded: CaseDetail = { ...detail, timeline: signal };
  if (fits(folded)) return { ...folded, trimmed: trim };

  trim.mailTextsShortened = true;
  const shortened: CaseDetail = {
    ...folded,
    thread: folded.thread.map((entry) =>
      entry.kind === 'mail' && entry.text.length > MAIL_PREVIEW_CHARS
        ? { ...entry, text: entry.text.slice(0, MAIL_PREVIEW_CHARS), truncated: true }
        : entry,
    ),
  };
  if (fits(shortened)) return { ...shortened, trimmed: trim };

  const since = (cutoff: string): CaseDetail => ({
    ...shortened,
    timeline: shortened.timeline.filter((event) => event.at >= cutoff),
    notes: shortened.notes.filter((note) => note.at >= cutoff),
    thread: shortened.thread.filter((entry) => entry.kind === 'complaint' || entry.at >= cutoff),
  });
  // The latest cutoff always fits unless the newest moment alone is too large; search the earliest that fits.
  const moments = [
    ...new Set([
      ...shortened.timeline.map((event) => event.at),
      ...shortened.notes.map((note) => note.at),
      ...shortened.thread.filter((entry) => entry.kind !== 'complaint').map((entry) => entry.at),
    ]),
  ].toSorted();
  let low = 0;
  let high = moments.length; // `moments.length`: everything but the complaint left out.
  const at = (index: number) => moments[index] ?? '\uffff';
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (fits(since(at(middle)))) high = middle;
    else low = middle + 1;
  }
  const kept = since(at(low));
  trim.timelineEntries += shortened.timeline.length - kept.timeline.length;
  trim.notes = shortened.notes.length - kept.notes.length;
  trim.threadEntries = shortened.thread.length - kept.thread.length;
  return { ...kept, trimmed: trim };
};
