import { useState } from 'preact/hooks';
import { callApi, jsonInit } from '../shared/api.ts';
import { Alert, Field } from '../shared/field.tsx';
import { useLocale } from '../shared/page.tsx';
import { prepareProofOfWork, sendWithProofOfWork } from './proof-of-work.ts';

const REFERENCE = /^CMP-\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

/**
 * "Find my complaint": the reference and the email it was filed with. The API answers the same
 * whether they match or not (no one learns whose complaint a reference is); when they match, the
 * current tracking link goes to the address on file.
 */
export const FindComplaint = () => {
  const { t } = useLocale();
  const [reference, setReference] = useState('');
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState<{ reference?: boolean; email?: boolean }>({});
  const [outcome, setOutcome] = useState<'sent' | 'network' | 'error' | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const wanted = reference.trim().toUpperCase();
    const checks = { reference: !REFERENCE.test(wanted), email: !EMAIL.test(email.trim()) };
    setInvalid(checks);
    if (checks.reference || checks.email) {
      document.getElementById(checks.reference ? 'find-reference' : 'find-email')?.focus();
      return;
    }
    setBusy(true);
    const result = await sendWithProofOfWork((proof) =>
      callApi('/v1/complaints/lookup', jsonInit('POST', { reference: wanted, email: email.trim() }, proof)),
    );
    setBusy(false);
    if (!result) return setOutcome('error');
    setOutcome(result.ok ? 'sent' : result.problem.status === 0 ? 'network' : 'error');
  };

  return (
    <form
      onSubmit={(event) => void submit(event)}
      onFocusIn={prepareProofOfWork}
      aria-labelledby="find-title"
      noValidate
    >
      <h1 id="find-title">{t.track.findTitle}</h1>
      <p>{t.track.findIntro}</p>
      {outcome === 'sent' && <Alert kind="success">{t.track.findSent}</Alert>}
      {outcome === 'network' && <Alert kind="error">{t.networkError}</Alert>}
      {outcome === 'error' && <Alert kind="error">{t.unexpected}</Alert>}
      <Field
        id="find-reference"
        label={t.track.findReference}
        hint={t.track.findReferenceHint}
        error={invalid.reference ? t.track.findBadReference : undefined}
        required
      >
        {(describedBy, isInvalid) => (
          <input
            id="find-reference"
            type="text"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            value={reference}
            aria-describedby={describedBy}
            aria-invalid={isInvalid}
            aria-required
            onInput={(event) => setReference(event.currentTarget.value)}
          />
        )}
      </Field>
      <Field
        id="find-email"
        label={t.track.findEmail}
        error={invalid.email ? t.track.findBadEmail : undefined}
        required
      >
        {(describedBy, isInvalid) => (
          <input
            id="find-email"
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
      <button type="submit" disabled={busy}>
        {t.track.findSubmit}
      </button>
    </form>
  );
};
