import { useEffect, useState } from 'preact/hooks';
import {
  type AttachmentLink,
  type AttachmentUpload,
  checkDeclaration,
  DEFAULT_EVIDENCE_POLICY,
} from '../../../functions/domain/evidence.ts';
import { callApi, jsonInit, type Problem } from './api.ts';
import { Alert } from './field.tsx';
import type { Messages } from './messages-en.ts';

/**
 * Evidence files on the pages: checked here against the policy's defaults before anything is sent
 * (the API checks again against the deployed policy), declared to the API, then posted straight to
 * storage with the form the API answered.
 */

const MB = 1024 * 1024;

/** The accept list of the file input: the accepted types and their extensions. */
export const EVIDENCE_ACCEPT = Object.entries(DEFAULT_EVIDENCE_POLICY.types)
  .flatMap(([type, { extensions }]) => [type, ...extensions.map((extension) => `.${extension}`)])
  .join(',');

export const EVIDENCE_EXTENSIONS = Object.values(DEFAULT_EVIDENCE_POLICY.types)
  .flatMap(({ extensions }) => extensions)
  .join(', ');

export const MAX_FILES = DEFAULT_EVIDENCE_POLICY.maxFilesPerComplaint;

/** Why a chosen file cannot be uploaded, in the page's words; undefined when it can. */
export const fileProblem = (file: File, t: Messages): string | undefined => {
  const check = checkDeclaration(DEFAULT_EVIDENCE_POLICY, {
    fileName: file.name,
    contentType: file.type.toLowerCase(),
    size: Math.max(file.size, 1),
  });
  if (check.kind === 'accepted') return undefined;
  if (check.field === 'size') {
    const maxBytes = DEFAULT_EVIDENCE_POLICY.types[file.type.toLowerCase()]?.maxBytes ?? 0;
    return t.evidence.tooLarge(file.name, Math.floor(maxBytes / MB));
  }
  return t.evidence.badType(file.name);
};

/** Declares `file` at `path` (POST …/attachments), then posts it to storage with the answered form. */
export const uploadEvidence = async (
  path: string,
  headers: Record<string, string>,
  file: File,
): Promise<{ ok: true; id: string } | { ok: false; problem: Problem }> => {
  const declared = await callApi<AttachmentUpload>(
    path,
    jsonInit('POST', { fileName: file.name, contentType: file.type.toLowerCase(), size: file.size }, headers),
  );
  if (!declared.ok) return declared;
  const form = new FormData();
  for (const [name, value] of Object.entries(declared.body.upload.fields)) form.append(name, value);
  // S3 takes the file last: fields after it are ignored.
  form.append('file', file);
  try {
    const stored = await fetch(declared.body.upload.url, { method: 'POST', body: form });
    if (stored.ok) return { ok: true, id: declared.body.id };
    return { ok: false, problem: { type: 'about:blank', title: 'upload', status: stored.status } };
  } catch {
    return { ok: false, problem: { type: 'about:blank', title: 'network', status: 0 } };
  }
};

/** A file input that keeps the chosen files and says at once which of them cannot be sent. */
export const EvidencePicker = ({
  t,
  files,
  onChange,
}: {
  t: Messages;
  files: File[];
  onChange: (files: File[]) => void;
}) => {
  const problems = files.flatMap((file) => fileProblem(file, t) ?? []);
  return (
    <div class="field">
      <label for="f-evidence">{t.evidence.choose}</label>
      <p class="hint" id="f-evidence-hint">
        {t.evidence.hint(EVIDENCE_EXTENSIONS, MAX_FILES)}
      </p>
      <input
        type="file"
        id="f-evidence"
        data-testid="evidence-input"
        multiple
        accept={EVIDENCE_ACCEPT}
        aria-describedby="f-evidence-hint"
        aria-invalid={problems.length > 0}
        onChange={(event) => onChange([...(event.currentTarget.files ?? [])])}
      />
      {problems.map((problem) => (
        <p class="error" key={problem}>
          {problem}
        </p>
      ))}
    </div>
  );
};

interface ListedFile {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  status: string;
  /** Shown after the status (the console names the uploader). */
  note?: string;
  /** The status in the reader's words, when not the customer pages' own. */
  statusLabel?: string;
}

/**
 * The files of a complaint: name, size and status; an image available for download shows as a
 * preview, and every available file has a download link (presigned GET, asked for when shown).
 */
export const EvidenceList = ({
  t,
  files,
  linkPath,
  headers,
}: {
  t: Messages;
  files: readonly ListedFile[];
  linkPath: (id: string) => string;
  headers: Record<string, string>;
}) => {
  const [links, setLinks] = useState<Record<string, string>>({});
  useEffect(() => {
    for (const file of files) {
      if (file.status !== 'available' || links[file.id]) continue;
      void callApi<AttachmentLink>(linkPath(file.id), { headers }).then((result) => {
        if (result.ok) setLinks((known) => ({ ...known, [file.id]: result.body.url }));
      });
    }
  }, [files.map((file) => `${file.id}:${file.status}`).join()]);
  if (files.length === 0) return <p>{t.evidence.none}</p>;
  return (
    <ul class="evidence" data-testid="evidence-list">
      {files.map((file) => (
        <li key={file.id} data-status={file.status}>
          {links[file.id] && file.contentType.startsWith('image/') && (
            <img src={links[file.id]} alt={file.fileName} width={96} data-testid="evidence-preview" />
          )}
          <span>{file.fileName}</span> <span>({Math.max(1, Math.round(file.size / 1024))} KB)</span>{' '}
          <span>{file.statusLabel ?? t.evidence.statuses[file.status] ?? file.status}</span>{' '}
          {file.note && <small>{file.note} </small>}
          {links[file.id] && (
            <a href={links[file.id]} download={file.fileName}>
              {t.evidence.download}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
};

/**
 * "Add files" on the case page and the tracking page: picks files, uploads them one after another to
 * `path` with `headers`, says which were refused, and asks for the list again once the recorder (which
 * checks each file as S3 reports it) has had a moment.
 */
export const EvidenceUpload = ({
  t,
  path,
  headers,
  onUploaded,
  testId,
}: {
  t: Messages;
  path: string;
  headers: Record<string, string>;
  onUploaded: () => void;
  testId: string;
}) => {
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string[]>([]);

  const upload = async (event: Event) => {
    event.preventDefault();
    if (files.length === 0 || files.some((file) => fileProblem(file, t))) return;
    setBusy(true);
    const refused: string[] = [];
    for (const file of files) {
      const result = await uploadEvidence(path, headers, file);
      if (!result.ok)
        refused.push(result.problem.status === 409 ? t.evidence.tooMany : t.evidence.failed(file.name));
    }
    setBusy(false);
    setFailed(refused);
    setFiles([]);
    setTimeout(onUploaded, 1500);
  };

  return (
    <>
      {failed.map((message) => (
        <Alert kind="error" key={message}>
          {message}
        </Alert>
      ))}
      <form onSubmit={(event) => void upload(event)} noValidate>
        <EvidencePicker t={t} files={files} onChange={setFiles} />
        <button type="submit" disabled={busy || files.length === 0} data-testid={testId}>
          {busy ? t.evidence.uploading : t.evidence.choose}
        </button>
      </form>
    </>
  );
};
