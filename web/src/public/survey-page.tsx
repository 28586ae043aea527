import { useEffect, useState } from 'preact/hooks';
import { SOLVED_ANSWERS, surveyAnswerSchema } from '../../../functions/domain/survey.ts';
import { toFieldErrors } from '../../../functions/domain/field-errors.ts';
import { callApi, errorsByField, jsonInit } from '../shared/api.ts';
import { Alert } from '../shared/field.tsx';
import { localeWasChosen } from '../shared/i18n.ts';
import { useLocale } from '../shared/page.tsx';

/** GET /v1/surveys/{token} (functions/api/survey/get-survey.ts); the questions are this page's own. */
interface Survey {
  reference: string;
  locale: 'zh-CN' | 'en';
  status: 'open' | 'answered' | 'expired';
}

type Ending = 'thanks' | 'answered' | 'expired' | 'not-found' | 'missing' | 'opted-out';
const RATINGS = ['overall', 'process', 'result'] as const;

/** The links in the survey email: /survey/?t=<survey token>, and with &opt-out=1 to stop survey mail. */
const surveyToken = () => new URLSearchParams(location.search).get('t') ?? '';
const wantsOptOut = () => new URLSearchParams(location.search).get('opt-out') === '1';

export const SurveyPage = () => {
  const { t, setLocale } = useLocale();
  const [token] = useState(surveyToken);
  const [optOut] = useState(wantsOptOut);
  const [survey, setSurvey] = useState<Survey | undefined>();
  const [ending, setEnding] = useState<Ending | undefined>(token ? undefined : 'missing');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const endingOf = (status: number): Ending | undefined =>
    status === 409 ? 'answered' : status === 410 ? 'expired' : status === 404 ? 'not-found' : undefined;

  useEffect(() => {
    if (!token) return;
    void callApi<Survey>(`/v1/surveys/${encodeURIComponent(token)}`).then((result) => {
      // An expired survey can still be opted out of (the API allows it), so that page needs no survey.
      if (optOut && !result.ok && result.problem.status === 410)
        return setSurvey({ reference: '', locale: 'zh-CN', status: 'expired' });
      if (!result.ok) {
        const end = endingOf(result.problem.status);
        return end
          ? setEnding(end)
          : setFailure(result.problem.status === 0 ? t.networkError : result.problem.title);
      }
      // The customer's language, unless they picked one themselves.
      if (!localeWasChosen()) setLocale(result.body.locale);
      if (optOut) return setSurvey(result.body);
      if (result.body.status === 'answered') return setEnding('answered');
      if (result.body.status === 'expired') return setEnding('expired');
      setSurvey(result.body);
    });
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const body = {
      overall: Number(answers.overall),
      process: Number(answers.process),
      result: Number(answers.result),
      solved: answers.solved,
      ...(answers.comment?.trim() ? { comment: answers.comment } : {}),
    };
    const parsed = surveyAnswerSchema.safeParse(body);
    if (!parsed.success) {
      // The schema's own messages say what is wrong with a number; an unanswered question is simpler.
      const missing = Object.fromEntries(
        [...RATINGS, 'solved'].filter((name) => !answers[name]).map((name) => [name, t.survey.choose]),
      );
      return setErrors({ ...errorsByField(toFieldErrors(parsed.error)), ...missing });
    }
    setErrors({});
    setBusy(true);
    const result = await callApi(`/v1/surveys/${encodeURIComponent(token)}`, jsonInit('POST', body));
    setBusy(false);
    if (result.ok) return setEnding('thanks');
    const end = endingOf(result.problem.status);
    if (end) return setEnding(end);
    if (result.problem.errors) return setErrors(errorsByField(result.problem.errors));
    setFailure(result.problem.status === 0 ? t.networkError : `${t.unexpected} (${result.problem.status})`);
  };

  const stopSurveys = async () => {
    setBusy(true);
    const result = await callApi(`/v1/surveys/${encodeURIComponent(token)}/opt-out`, { method: 'POST' });
    setBusy(false);
    if (result.ok) return setEnding('opted-out');
    const end = endingOf(result.problem.status);
    if (end) return setEnding(end);
    setFailure(result.problem.status === 0 ? t.networkError : `${t.unexpected} (${result.problem.status})`);
  };

  if (ending) {
    const text = {
      'opted-out': t.survey.optedOut,
      thanks: t.survey.thanks,
      answered: t.survey.answered,
      expired: t.survey.expired,
      'not-found': t.survey.notFound,
      missing: t.survey.missing,
    }[ending];
    return (
      <Alert kind={['thanks', 'answered', 'opted-out'].includes(ending) ? 'success' : 'error'}>
        <span data-testid="survey-ending" data-ending={ending}>
          {text}
        </span>
      </Alert>
    );
  }
  if (failure) return <Alert kind="error">{failure}</Alert>;
  if (!survey) return <p role="status">{t.loading}</p>;
  if (optOut) {
    return (
      <section aria-labelledby="opt-out-title">
        <h1 id="opt-out-title">{t.survey.optOutTitle}</h1>
        <p>{t.survey.optOutText(survey.reference)}</p>
        <button type="button" disabled={busy} onClick={() => void stopSurveys()}>
          {t.survey.optOutConfirm}
        </button>
      </section>
    );
  }

  const choice = (
    name: string,
    legend: string,
    options: { value: string; label: string; number?: number }[],
    layout: 'scale' | 'choices',
  ) => (
    <fieldset
      class={errors[name] ? 'invalid' : undefined}
      aria-describedby={errors[name] ? `${name}-error` : undefined}
    >
      <legend>{legend}</legend>
      <div class={`rating ${layout}`}>
        {options.map((option) => (
          <label key={option.value}>
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={answers[name] === option.value}
              onChange={() => setAnswers({ ...answers, [name]: option.value })}
            />
            {option.number !== undefined && <span class="number">{option.number}</span>}{' '}
            <span class="words">{option.label}</span>
          </label>
        ))}
      </div>
      {errors[name] && (
        <p class="error" id={`${name}-error`}>
          {errors[name]}
        </p>
      )}
    </fieldset>
  );

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="survey-title">
      <h1 id="survey-title">{t.survey.title}</h1>
      <p>{t.survey.intro(survey.reference)}</p>
      {RATINGS.map((name) =>
        choice(
          name,
          t.survey[name],
          t.survey.scale.map((label, index) => ({ value: String(index + 1), label, number: index + 1 })),
          'scale',
        ),
      )}
      {choice(
        'solved',
        t.survey.solved,
        SOLVED_ANSWERS.map((value) => ({ value, label: t.survey.solvedOptions[value] ?? value })),
        'choices',
      )}
      <div class={`field${errors.comment ? ' invalid' : ''}`}>
        <label for="comment">
          {t.survey.comment} ({t.optional})
        </label>
        <textarea
          id="comment"
          value={answers.comment ?? ''}
          aria-invalid={Boolean(errors.comment)}
          aria-describedby={errors.comment ? 'comment-error' : undefined}
          onInput={(event) => setAnswers({ ...answers, comment: event.currentTarget.value })}
        />
        {errors.comment && (
          <p class="error" id="comment-error">
            {errors.comment}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy}>
        {t.survey.submit}
      </button>
    </form>
  );
};
