import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import { EvidenceList, EvidenceUpload } from '../shared/evidence.tsx';
import { messagesFor } from '../shared/i18n.ts';
import { currentSession } from './auth.ts';
import { useConsoleLocale } from './console-locale.ts';

/**
 * The case's evidence files in the console: every file (the customer's, staff's, mailed ones) with its
 * status and uploader; images previewed, available files downloadable; staff add files to the case.
 * The words are the public pages' (same files, same statuses), in the console's language.
 */
export const CaseEvidence = ({ detail, reload }: { detail: CaseDetail; reload: () => void }) => {
  const cl = useConsoleLocale();
  const t = messagesFor(cl.locale);
  const headers = { authorization: `Bearer ${currentSession()?.token ?? ''}` };
  const base = `/v1/staff/complaints/${encodeURIComponent(detail.id)}/attachments`;
  const attachments = detail.attachments;

  return (
    <section aria-labelledby="case-evidence-title" data-testid="case-evidence">
      <h2 id="case-evidence-title">{t.evidence.title}</h2>
      <EvidenceList
        t={t}
        files={attachments.map((file) => ({
          ...file,
          // Staff read what happened to a file (quarantined, malware found), not the customer's wording.
          statusLabel: cl.label('attachmentStatus', file.status),
          // Who sent it: the member of staff, or the customer by the channel it came through.
          note:
            file.uploadedBy.kind === 'staff'
              ? (file.uploadedBy.name ?? file.uploadedBy.id ?? '')
              : cl.label('channel', file.source === 'email' ? 'email' : 'web'),
        }))}
        linkPath={(id) => `${base}/${encodeURIComponent(id)}`}
        headers={headers}
      />
      <EvidenceUpload t={t} path={base} headers={headers} onUploaded={reload} testId="case-evidence-upload" />
    </section>
  );
};
