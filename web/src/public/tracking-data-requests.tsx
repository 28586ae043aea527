import { useState } from 'preact/hooks';
import type { DataRequestKind } from '../../../functions/domain/data-subject-request.ts';
import { callApi, jsonInit } from '../shared/api.ts';
import { Alert } from '../shared/field.tsx';
import { useLocale } from '../shared/page.tsx';
import { ErasureExplanation } from './privacy-page.tsx';

/**
 * "Your personal data" on the tracking page: a copy or the erasure of everything filed with the
 * complaint's address. The tracking token proves the complaint, not the mailbox, so the API mails the
 * address on file a link to confirm (/privacy/?confirm); nothing is done before that.
 */
export const TrackingDataRequests = ({ id, token }: { id: string; token: string }) => {
  const { t } = useLocale();
  const [outcome, setOutcome] = useState<'sent' | 'no-email' | 'network' | 'error' | undefined>();
  const [busy, setBusy] = useState(false);
  const ask = async (kind: DataRequestKind) => {
    setBusy(true);
    const result = await callApi(
      `/v1/complaints/${encodeURIComponent(id)}/data-requests`,
      jsonInit('POST', { kind }, { 'x-tracking-token': token }),
    );
    setBusy(false);
    if (result.ok) return setOutcome('sent');
    const { status } = result.problem;
    // 400 on a valid kind: the complaint has no email address to confirm with.
    setOutcome(status === 0 ? 'network' : status === 400 ? 'no-email' : 'error');
  };
  return (
    <section aria-labelledby="personal-data-title">
      <h2 id="personal-data-title">{t.privacy.trackTitle}</h2>
      <p>{t.privacy.trackIntro}</p>
      {outcome === 'sent' && (
        <Alert kind="success">
          <span data-testid="data-request-sent">{t.privacy.trackSent}</span>
        </Alert>
      )}
      {outcome === 'no-email' && <Alert kind="error">{t.privacy.trackNoEmail}</Alert>}
      {outcome === 'network' && <Alert kind="error">{t.networkError}</Alert>}
      {outcome === 'error' && <Alert kind="error">{t.unexpected}</Alert>}
      <details>
        <summary>{t.privacy.erasureTitle}</summary>
        <ErasureExplanation titled={false} />
      </details>
      <p class="actions">
        <button type="button" disabled={busy} onClick={() => void ask('export')}>
          {t.privacy.export}
        </button>{' '}
        <button type="button" class="secondary" disabled={busy} onClick={() => void ask('erasure')}>
          {t.privacy.erasure}
        </button>
      </p>
    </section>
  );
};
