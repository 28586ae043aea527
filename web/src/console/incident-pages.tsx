import { useEffect, useState } from 'preact/hooks';
import type {
  IncidentActionResult,
  IncidentSummaryView,
  IncidentView,
} from '../../../functions/domain/incident-view.ts';
import type { Problem } from '../shared/api.ts';
import { Alert } from '../shared/field.tsx';
import { useConsoleLocale } from './console-locale.ts';
import { problemText } from './problem-text.ts';
import { staffApi } from './staff-api.ts';

/** What an incident is about, in the reader's words: its products, then its categories. */
const aboutOf = (incident: IncidentSummaryView, label: (code: string) => string) =>
  [...incident.products, ...incident.categories.map(label)].join(' · ');

/** #/incidents — the newest incidents, suggested ones (from surges) first in the eye. */
export const IncidentListPage = () => {
  const cl = useConsoleLocale();
  const { t } = cl;
  const [incidents, setIncidents] = useState<IncidentSummaryView[] | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  useEffect(() => {
    void staffApi<{ incidents: IncidentSummaryView[] }>('/v1/staff/incidents').then((result) =>
      result.ok ? setIncidents(result.body.incidents) : setProblem(result.problem),
    );
  }, []);
  if (problem) return <Alert kind="error">{problemText(problem, cl)}</Alert>;
  if (!incidents) return <p role="status">{t.loading}</p>;
  return (
    <>
      <h1>{t.incidents.title}</h1>
      {incidents.length === 0 ? (
        <p>{t.incidents.empty}</p>
      ) : (
        <table class="queue" data-testid="incident-list">
          <thead>
            <tr>
              <th scope="col">{t.incidents.incident}</th>
              <th scope="col">{t.incidents.about}</th>
              <th scope="col">{t.incidents.status}</th>
              <th scope="col">{t.incidents.linked}</th>
              <th scope="col">{t.incidents.opened}</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((incident) => (
              <tr key={incident.id}>
                <td>
                  <a href={`#/incident/${encodeURIComponent(incident.id)}`}>{incident.title}</a>
                </td>
                <td>{aboutOf(incident, (code) => cl.label('category', code))}</td>
                <td>
                  <span class="badge">{cl.label('incidentStatus', incident.status)}</span>
                </td>
                <td>{incident.linkedCount}</td>
                <td>{cl.at(incident.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
};

/** The notice form: one message per customer language (each complainant reads theirs). */
const NoticeForm = ({ act }: { act: (action: Record<string, unknown>) => Promise<void> }) => {
  const { t } = useConsoleLocale();
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void act({
          type: 'notify-customers',
          noticeId: crypto.randomUUID(),
          message: { 'zh-CN': zh, en },
        });
      }}
    >
      <label>
        {t.incidents.noticeZh}
        <textarea required value={zh} onInput={(event) => setZh(event.currentTarget.value)} />
      </label>
      <label>
        {t.incidents.noticeEn}
        <textarea required value={en} onInput={(event) => setEn(event.currentTarget.value)} />
      </label>
      <button type="submit">{t.incidents.notify}</button>
    </form>
  );
};

/** #/incident/<id> — the incident, its linked complaints with their states, and its actions. */
export const IncidentPage = ({ id }: { id: string }) => {
  const cl = useConsoleLocale();
  const { t } = cl;
  const [incident, setIncident] = useState<IncidentView | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [outcome, setOutcome] = useState<Omit<IncidentActionResult, 'incident'> | undefined>();
  const [summary, setSummary] = useState('');
  const [remedy, setRemedy] = useState('replace');
  const [rootCause, setRootCause] = useState('manufacturing');
  const [linkIds, setLinkIds] = useState('');
  const load = async () => {
    const result = await staffApi<IncidentView>(`/v1/staff/incidents/${encodeURIComponent(id)}`);
    if (result.ok) setIncident(result.body);
    else setProblem(result.problem);
  };
  useEffect(() => void load(), [id]);
  const act = async (action: Record<string, unknown>) => {
    const result = await staffApi<IncidentActionResult>(
      `/v1/staff/incidents/${encodeURIComponent(id)}/actions`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(action),
      },
    );
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    const { incident: updated, ...rest } = result.body;
    setProblem(undefined);
    setIncident(updated);
    setOutcome(rest);
  };
  if (problem && !incident) return <Alert kind="error">{problemText(problem, cl)}</Alert>;
  if (!incident) return <p role="status">{t.loading}</p>;
  const may = (action: string) => (incident.allowedActions as string[]).includes(action);
  return (
    <>
      <p class="crumbs">
        <a href="#/incidents">{t.incidents.back}</a>
      </p>
      <h1 data-testid="incident-title">{incident.title}</h1>
      <p>
        <span class="badge" data-testid="incident-status" data-status={incident.status}>
          {cl.label('incidentStatus', incident.status)}
        </span>{' '}
        {aboutOf(incident, (code) => cl.label('category', code))}
      </p>
      {problem && <Alert kind="error">{problemText(problem, cl)}</Alert>}
      {outcome && (
        <Alert kind="success">
          {t.incidents.outcome(outcome.done?.length ?? 0, outcome.skipped?.length ?? 0, outcome.queued)}
        </Alert>
      )}
      {incident.surge && (
        <Alert kind="info">
          {t.incidents.surge(
            incident.surge.windowCount,
            incident.surge.windowMinutes,
            cl.at(incident.surge.detectedAt),
          )}
        </Alert>
      )}
      <dl class="facts">
        <dt>{t.incidents.cause}</dt>
        <dd>{incident.cause}</dd>
        <dt>{t.incidents.owner}</dt>
        <dd>{incident.owner ?? t.none}</dd>
        <dt>{t.incidents.opened}</dt>
        <dd>{cl.at(incident.createdAt)}</dd>
      </dl>
      <h2>{t.incidents.complaints(incident.complaints.length)}</h2>
      <table class="queue" data-testid="incident-complaints">
        <thead>
          <tr>
            <th scope="col">{t.incidents.reference}</th>
            <th scope="col">{t.incidents.subject}</th>
            <th scope="col">{t.incidents.status}</th>
            {may('unlink') && <th scope="col" />}
          </tr>
        </thead>
        <tbody>
          {incident.complaints.map((complaint) => (
            <tr key={complaint.id} data-complaint={complaint.id}>
              <td>
                {complaint.accessible ? (
                  <a href={`#/case/${encodeURIComponent(complaint.id)}`}>{complaint.reference}</a>
                ) : (
                  complaint.reference
                )}
              </td>
              <td>{complaint.subject ?? t.incidents.otherDepartment}</td>
              <td>
                <span class={`badge status-${complaint.status}`}>{cl.label('status', complaint.status)}</span>
              </td>
              {may('unlink') && (
                <td>
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => void act({ type: 'unlink', complaintIds: [complaint.id] })}
                  >
                    {cl.label('incidentAction', 'unlink')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {incident.resolution && incident.resolution.skipped.length > 0 && (
        <Alert kind="info">
          {t.incidents.skipped}
          <ul>
            {incident.resolution.skipped.map((skip) => (
              <li key={skip.complaintId}>
                {skip.complaintId}: {skip.reason}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {may('link') && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const ids = linkIds.split(/[\s,]+/u).filter(Boolean);
            if (ids.length > 0) void act({ type: 'link', complaintIds: ids });
          }}
        >
          <label>
            {t.incidents.linkIds}
            <input value={linkIds} onInput={(event) => setLinkIds(event.currentTarget.value)} />
          </label>
          <button type="submit">{cl.label('incidentAction', 'link')}</button>
        </form>
      )}
      {may('notify-customers') && <NoticeForm act={act} />}
      {may('resolve') && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void act({ type: 'resolve', summary, remedy, rootCause });
          }}
        >
          <label>
            {t.incidents.resolutionSummary}
            <textarea required value={summary} onInput={(event) => setSummary(event.currentTarget.value)} />
          </label>
          <label>
            {t.incidents.remedy}
            <select value={remedy} onChange={(event) => setRemedy(event.currentTarget.value)}>
              {Object.entries(cl.labels.remedy).map(([code, text]) => (
                <option key={code} value={code}>
                  {text}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.incidents.rootCause}
            <select value={rootCause} onChange={(event) => setRootCause(event.currentTarget.value)}>
              {Object.entries(cl.labels.rootCause).map(([code, text]) => (
                <option key={code} value={code}>
                  {text}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{cl.label('incidentAction', 'resolve')}</button>
        </form>
      )}
      {may('close') && (
        <button type="button" class="secondary" onClick={() => void act({ type: 'close' })}>
          {cl.label('incidentAction', 'close')}
        </button>
      )}
    </>
  );
};

/** On the case page: open incidents this complaint resembles, each with a link button. */
export const IncidentSuggestions = ({
  complaintId,
  incidentId,
  mayLink,
}: {
  complaintId: string;
  incidentId: string | undefined;
  mayLink: boolean;
}) => {
  const cl = useConsoleLocale();
  const { t } = cl;
  const [suggestions, setSuggestions] = useState<IncidentSummaryView[]>([]);
  const [linked, setLinked] = useState<string | undefined>(incidentId);
  useEffect(() => {
    if (incidentId) return;
    void staffApi<{ suggestions: IncidentSummaryView[] }>(
      `/v1/staff/complaints/${encodeURIComponent(complaintId)}/incident-suggestions`,
    ).then((result) => result.ok && setSuggestions(result.body.suggestions));
  }, [complaintId, incidentId]);
  if (linked) {
    return (
      <Alert kind="info">
        <a href={`#/incident/${encodeURIComponent(linked)}`}>{t.incidents.partOf}</a>
      </Alert>
    );
  }
  if (suggestions.length === 0) return null;
  return (
    <section aria-label={t.incidents.suggestionsLabel} data-testid="incident-suggestions">
      {suggestions.map((incident) => (
        <Alert kind="info" key={incident.id}>
          {t.incidents.possiblyPartOf}{' '}
          <a href={`#/incident/${encodeURIComponent(incident.id)}`}>{incident.title}</a>{' '}
          {mayLink && (
            <button
              type="button"
              onClick={() =>
                void staffApi(`/v1/staff/incidents/${encodeURIComponent(incident.id)}/actions`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ type: 'link', complaintIds: [complaintId] }),
                }).then((result) => result.ok && setLinked(incident.id))
              }
            >
              {cl.label('incidentAction', 'link')}
            </button>
          )}
        </Alert>
      ))}
    </section>
  );
};

/** On the dashboard: surges not yet handled (suggested incidents), as a banner. */
export const SurgeBanner = () => {
  const cl = useConsoleLocale();
  const [surges, setSurges] = useState<IncidentSummaryView[]>([]);
  useEffect(() => {
    void staffApi<{ incidents: IncidentSummaryView[] }>('/v1/staff/incidents').then(
      (result) =>
        result.ok && setSurges(result.body.incidents.filter((incident) => incident.status === 'suggested')),
    );
  }, []);
  if (surges.length === 0) return null;
  return (
    <Alert kind="error">
      <span data-testid="surge-banner">{cl.t.incidents.surgeBanner(surges.length)}</span>{' '}
      {surges.slice(0, 5).map((incident) => (
        <a key={incident.id} href={`#/incident/${encodeURIComponent(incident.id)}`}>
          {aboutOf(incident, (code) => cl.label('category', code))}{' '}
        </a>
      ))}
    </Alert>
  );
};
