import { useEffect, useState } from 'preact/hooks';
import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import type { Problem } from '../shared/api.ts';
import { Alert } from '../shared/field.tsx';
import { AccessLogPanel } from './access-log-panel.tsx';
import { AssistsPanel } from './assists-panel.tsx';
import type { StaffSession } from './auth.ts';
import { CaseEvidence } from './case-evidence.tsx';
import { CaseSide } from './case-side.tsx';
import { CaseThread } from './case-thread.tsx';
import { CaseTimeline } from './case-timeline.tsx';
import { Composer } from './composer.tsx';
import { consoleLocale, ConsoleLocaleContext, useConsoleLocale } from './console-locale.ts';
import { useDirectory } from './directory.ts';
import { PendingChange } from './pending-change.tsx';
import { problemText } from './problem-text.ts';
import { IncidentSuggestions } from './incident-pages.tsx';
import { LegalHoldForm } from './legal-hold-form.tsx';
import { EscalationBadges } from './queue-badges.tsx';
import { staffApi } from './staff-api.ts';

/** The case workspace: the conversation and the next action beside the customer, grade and clocks. */
export const CasePage = ({ id, session }: { id: string; session: StaffSession }) => {
  const outer = useConsoleLocale();
  const [detail, setDetail] = useState<CaseDetail | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  /** The action just done (its words follow a language switch). */
  const [notice, setNotice] = useState<string | undefined>();
  const [actionsDone, setActionsDone] = useState(0);
  const names = useDirectory(outer.locale);

  const load = async (): Promise<CaseDetail | undefined> => {
    const result = await staffApi<CaseDetail>(`/v1/staff/complaints/${encodeURIComponent(id)}`);
    if (!result.ok) {
      setProblem(result.problem);
      return undefined;
    }
    setProblem(undefined);
    setDetail(result.body);
    return result.body;
  };
  useEffect(() => void load(), [id]);

  if (problem && !detail) return <Alert kind="error">{problemText(problem, outer)}</Alert>;
  if (!detail) return <p role="status">{outer.t.loading}</p>;
  // Dates in the zone the case answers with (the policy's business calendar).
  const cl = consoleLocale(outer.locale, detail.timeZone);
  const { t } = cl;
  const clocks = [detail.sla.firstResponse, detail.sla.resolution];
  const overdue = clocks.some((clock) => clock?.remainingMs !== null && (clock?.remainingMs ?? 0) < 0);

  return (
    <ConsoleLocaleContext.Provider value={cl}>
      <p class="crumbs">
        <a href="#/queue">{t.case.back}</a>
        <button type="button" class="secondary" onClick={() => void load()}>
          {t.case.reload}
        </button>
      </p>
      <h1>
        {detail.reference} · {detail.subject}
      </h1>
      <p class="case-head">
        <span class={`badge status-${detail.status}`}>
          <span data-testid="case-status" data-status={detail.status} data-version={detail.version}>
            {cl.label('status', detail.status)}
          </span>
        </span>{' '}
        <span class="badge">{cl.label('severity', detail.severity)}</span>{' '}
        <EscalationBadges overdue={overdue} level={detail.sla.escalationLevel} />{' '}
        <small>
          {t.case.version(detail.version)} · {t.timeZone(cl.zoneName)}
        </small>
      </p>
      {notice && <Alert kind="success">{t.composer.done(t.composer.actions[notice] ?? notice)}</Alert>}
      {problem && <Alert kind="error">{problemText(problem, cl)}</Alert>}
      {detail.trimmed && (
        <Alert kind="info">
          {t.case.trimmed(
            detail.trimmed.timelineEntries + detail.trimmed.notes + detail.trimmed.threadEntries,
          )}
        </Alert>
      )}
      {detail.lifecycleFailure && (
        <Alert kind="error">
          {t.case.lifecycleFailure}
          {t.paren(
            `${cl.label('lifecycleStage', detail.lifecycleFailure.stage)}${t.listSeparator}${cl.at(detail.lifecycleFailure.at)}`,
          )}
        </Alert>
      )}
      <IncidentSuggestions
        complaintId={detail.id}
        incidentId={detail.incidentId}
        mayLink={session.roles.some((role) => role !== 'agent')}
      />
      <div class="workspace">
        <div class="work" data-actions-done={actionsDone}>
          <PendingChange detail={detail} names={names} />
          <AssistsPanel detail={detail} names={names} />
          <CaseThread detail={detail} names={names} />
          <Composer
            key={actionsDone}
            detail={detail}
            self={session.subject}
            names={names}
            reload={load}
            onDone={(updated, action) => {
              setDetail(updated);
              setActionsDone(actionsDone + 1);
              setNotice(action);
            }}
          />
          <CaseEvidence detail={detail} reload={() => void load()} />
          <CaseTimeline detail={detail} names={names} />
          <LegalHoldForm detail={detail} session={session} onSaved={() => void load()} />
          <AccessLogPanel detail={detail} session={session} />
        </div>
        <CaseSide detail={detail} names={names} />
      </div>
    </ConsoleLocaleContext.Provider>
  );
};
