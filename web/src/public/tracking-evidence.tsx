import type { CustomerView } from '../../../functions/domain/customer-view.ts';
import { EvidenceList, EvidenceUpload } from '../shared/evidence.tsx';
import type { Messages } from '../shared/messages-en.ts';

/** A complaint that no longer takes the customer's files (as the API decides: domain/evidence-decisions.ts). */
const CLOSED = new Set(['rejected', 'closed']);

/** The tracking page's files: the customer's own, with previews, and more to add while it is open. */
export const TrackingEvidence = ({
  t,
  view,
  token,
  reload,
}: {
  t: Messages;
  view: CustomerView;
  token: string;
  reload: () => Promise<void>;
}) => {
  const headers = { 'x-tracking-token': token };
  const base = `/v1/complaints/${encodeURIComponent(view.id)}/attachments`;

  return (
    <section aria-labelledby="evidence-title">
      <h2 id="evidence-title">{t.evidence.title}</h2>
      <EvidenceList
        t={t}
        files={view.attachments}
        linkPath={(id) => `${base}/${encodeURIComponent(id)}`}
        headers={headers}
      />
      {!CLOSED.has(view.status) && (
        <EvidenceUpload
          t={t}
          path={base}
          headers={headers}
          onUploaded={() => void reload()}
          testId="evidence-upload"
        />
      )}
    </section>
  );
};
