import { useState } from 'preact/hooks';
import type {
  DataExportLinks,
  DataRequestKind,
  DataRequestReceipt,
} from '../../../functions/domain/data-subject-request.ts';
import { labelOf } from '../../../functions/domain/labels.ts';
import { callApi, jsonInit, type Problem } from '../shared/api.ts';
import { Alert, Field } from '../shared/field.tsx';
import { formatDateTime } from '../shared/i18n.ts';
import { useLocale } from '../shared/page.tsx';
import { prepareProofOfWork, sendWithProofOfWork } from './proof-of-work.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

/**
 * The links mailed about data-subject requests (adapters/data-request-links.ts):
 * `/privacy/?confirm#t=<token>` and `/privacy/?download#t=<token>`. The token is in the fragment, so it
 * never reaches a server log or a Referer; it goes to the API only in a POST body.
 */
const linkParameters = (): { action: 'confirm' | 'download' | 'ask'; token: string } => {
  const query = new URLSearchParams(location.search);
  const token = new URLSearchParams(location.hash.slice(1)).get('t') ?? '';
  const action = query.has('confirm') ? 'confirm' : query.has('download') ? 'download' : 'ask';
  return { action: token ? action : 'ask', token };
};

/** 404 (forged or unknown) and 410 (expired) links, in words. */
const LinkProblem = ({ problem }: { problem: Problem }) => {
  const { t } = useLocale();
  const text =
    problem.status === 410
      ? t.privacy.linkExpired
      : problem.status === 404 || problem.status === 400
        ? t.privacy.linkInvalid
        : problem.status === 0
          ? t.networkError
          : `${t.unexpected} (${problem.status})`;
  return (
    <>
      <Alert kind="error">{text}</Alert>
      <p>
        <a href="/privacy/">{t.privacy.askAgain}</a>
      </p>
    </>
  );
};

/**
 * What erasure removes and when it is refused: told before anyone asks for it. Under its own heading,
 * or without one inside a disclosure that names it (the tracking page).
 */
export const ErasureExplanation = ({ titled = true }: { titled?: boolean }) => {
  const { t } = useLocale();
  return (
    <section aria-labelledby={titled ? 'erasure-title' : undefined} class="alert info">
      {titled && <h2 id="erasure-title">{t.privacy.erasureTitle}</h2>}
      <p>{t.privacy.erasureText}</p>
      <p>{t.privacy.erasureRefused}</p>
    </section>
  );
};

/** The public form: an address and what is asked, sent with a solved proof of work. */
const AskForm = () => {
  const { t, locale } = useLocale();
  const [email, setEmail] = useState('');
  const [kind, setKind] = useState<DataRequestKind>('export');
  const [invalid, setInvalid] = useState(false);
  const [outcome, setOutcome] = useState<'sent' | 'network' | 'error' | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!EMAIL.test(email.trim())) {
      setInvalid(true);
      document.getElementById('privacy-email')?.focus();
      return;
    }
    setInvalid(false);
    setBusy(true);
    const result = await sendWithProofOfWork((proof) =>
      callApi('/v1/data-requests', jsonInit('POST', { email: email.trim(), kind, locale }, proof)),
    );
    setBusy(false);
    if (!result) return setOutcome('error');
    setOutcome(result.ok ? 'sent' : result.problem.status === 0 ? 'network' : 'error');
  };

  return (
    <form
      onSubmit={(event) => void submit(event)}
      onFocusIn={prepareProofOfWork}
      aria-labelledby="ask-title"
      noValidate
    >
      <h2 id="ask-title">{t.privacy.askTitle}</h2>
      {outcome === 'sent' && <Alert kind="success">{t.privacy.sent}</Alert>}
      {outcome === 'network' && <Alert kind="error">{t.networkError}</Alert>}
      {outcome === 'error' && <Alert kind="error">{t.unexpected}</Alert>}
      <Field
        id="privacy-email"
        label={t.privacy.email}
        error={invalid ? t.privacy.badEmail : undefined}
        required
      >
        {(describedBy, isInvalid) => (
          <input
            id="privacy-email"
            type="email"
            autocomplete="email"
            value={email}
            aria-describedby={describedBy}
            aria-invalid={isInvalid}
            aria-required
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
        )}
      </Field>
      <fieldset>
        <legend>{t.privacy.kind}</legend>
        <label>
          <input
            type="radio"
            name="kind"
            value="export"
            checked={kind === 'export'}
            onChange={() => setKind('export')}
          />{' '}
          {t.privacy.export}
        </label>
        <p class="hint">{t.privacy.exportHint}</p>
        <label>
          <input
            type="radio"
            name="kind"
            value="erasure"
            checked={kind === 'erasure'}
            onChange={() => setKind('erasure')}
          />{' '}
          {t.privacy.erasure}
        </label>
      </fieldset>
      {kind === 'erasure' && <ErasureExplanation />}
      <button type="submit" disabled={busy}>
        {t.privacy.submit}
      </button>
    </form>
  );
};

/** The mailed confirmation link: nothing is recorded until the owner presses the button (a mail scanner following the link confirms nothing). */
const ConfirmRequest = ({ token }: { token: string }) => {
  const { t, locale } = useLocale();
  const [receipt, setReceipt] = useState<DataRequestReceipt | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    const result = await callApi<DataRequestReceipt>(
      '/v1/data-requests/confirm',
      jsonInit('POST', { token }),
    );
    setBusy(false);
    if (result.ok) setReceipt(result.body);
    else setProblem(result.problem);
  };
  if (problem) return <LinkProblem problem={problem} />;
  if (receipt)
    return (
      <Alert kind="success">
        <span data-testid="confirmed">{t.privacy.confirmed(formatDateTime(locale, receipt.dueAt))}</span>
        <br />
        {t.privacy.confirmedKind(labelOf(locale, 'dataRequestKind', receipt.kind))}
      </Alert>
    );
  return (
    <section aria-labelledby="confirm-title">
      <h2 id="confirm-title">{t.privacy.confirmTitle}</h2>
      <p>{t.privacy.confirmText}</p>
      <button type="button" disabled={busy} onClick={() => void confirm()}>
        {t.privacy.confirm}
      </button>
    </section>
  );
};

const formatSize = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;

/** The mailed download link: fresh links (minutes) to the export and each file, made on request. */
const DownloadExport = ({ token }: { token: string }) => {
  const { t, locale } = useLocale();
  const [links, setLinks] = useState<DataExportLinks | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    const result = await callApi<DataExportLinks>('/v1/data-requests/export', jsonInit('POST', { token }));
    setBusy(false);
    if (result.ok) setLinks(result.body);
    else setProblem(result.problem);
  };
  if (problem) return <LinkProblem problem={problem} />;
  return (
    <section aria-labelledby="download-title">
      <h2 id="download-title">{t.privacy.downloadTitle}</h2>
      <p>{t.privacy.downloadText}</p>
      {!links ? (
        <button type="button" disabled={busy} onClick={() => void open()}>
          {t.privacy.getLinks}
        </button>
      ) : (
        <>
          <p>
            <a data-testid="export-document" href={links.document.url} download={links.document.fileName}>
              {t.privacy.document}
            </a>
          </p>
          {links.files.length > 0 && (
            <>
              <h3>{t.privacy.files}</h3>
              <ul data-testid="export-files">
                {links.files.map((file) => (
                  <li key={file.url}>
                    <a href={file.url} download={file.fileName}>
                      {file.fileName}
                    </a>{' '}
                    ({file.complaintReference}, {formatSize(file.size)})
                  </li>
                ))}
              </ul>
            </>
          )}
          <p>{t.privacy.linksUntil(formatDateTime(locale, links.expiresAt))}</p>
        </>
      )}
    </section>
  );
};

/** /privacy/: ask for a copy or the erasure of one's personal data, confirm it, download the copy. */
export const PrivacyPage = () => {
  const { t } = useLocale();
  const [{ action, token }] = useState(linkParameters);
  return (
    <>
      <h1>{t.privacy.title}</h1>
      <p>{t.privacy.intro}</p>
      {action === 'confirm' && <ConfirmRequest token={token} />}
      {action === 'download' && <DownloadExport token={token} />}
      {action === 'ask' && <AskForm />}
    </>
  );
};
