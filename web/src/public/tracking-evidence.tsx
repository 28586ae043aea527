import { useState } from 'preact/hooks';
import type { CustomerView } from '../../../functions/domain/customer-view.ts';
import { Alert } from '../shared/field.tsx';
import { EvidenceList, EvidencePicker, fileProblem, uploadAllEvidence } from '../shared/evidence.tsx';
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
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string[]>([]);
  const headers = { 'x-tracking-token': token };
  const base = `/v1/complaints/${encodeURIComponent(view.id)}/attachments`;

  const upload = async (event: Event) => {
    event.preventDefault();
    if (files.length === 0 || files.some((file) => fileProblem(file, t))) return;
    setBusy(true);
    const refused = await uploadAllEvidence(base, headers, files, t);
    setBusy(false);
    setFailed(refused);
    setFiles([]);
    // The recorder checks each file as S3 reports it; a moment later it is listed.
    setTimeout(() => void reload(), 1500);
  };

  return (
    <section aria-labelledby="evidence-title">
      <h2 id="evidence-title">{t.evidence.title}</h2>
      <EvidenceList
        t={t}
        files={view.attachments}
        linkPath={(id) => `${base}/${encodeURIComponent(id)}`}
        headers={headers}
      />
      {failed.map((message) => (
        <Alert kind="error" key={message}>
          {message}
        </Alert>
      ))}
      {!CLOSED.has(view.status) && (
        <form onSubmit={(event) => void upload(event)} noValidate>
          <EvidencePicker t={t} files={files} onChange={setFiles} />
          <button type="submit" disabled={busy || files.length === 0} data-testid="evidence-upload">
            {busy ? t.evidence.uploading : t.evidence.choose}
          </button>
        </form>
      )}
    </section>
  );
};
