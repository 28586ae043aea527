import type { CaseClock, CaseDetail, ComplaintSummaryView } from '../../../functions/domain/staff-view.ts';
import { CaseIntake } from './case-intake.tsx';
import { useConsoleLocale } from './console-locale.ts';
import type { DirectoryNames } from './directory.ts';
import { ContactProblemBadge } from './queue-badges.tsx';
import { PersonalDataStatus } from './personal-data-status.tsx';
import { RelatedComplaint } from './related-complaint.tsx';

const Clock = ({ name, clock }: { name: string; clock: CaseClock }) => {
  const cl = useConsoleLocale();
  const c = cl.t.case;
  return (
    <>
      <dt>{name}</dt>
      <dd data-clock={name}>
        {!clock
          ? cl.t.none
          : clock.completedAt
            ? c.done(cl.at(clock.completedAt), clock.onTime)
            : clock.paused
              ? c.paused
              : cl.remaining(clock.remainingMs)}
        {clock && !clock.completedAt && (
          <>
            <br />
            <small>{c.due(cl.at(clock.dueAt))}</small>
          </>
        )}
        {clock?.breachedAt && <span class="badge overdue">{c.breached}</span>}
        {clock?.provisionalCalendar && <span class="badge escalated">{c.provisional}</span>}
      </dd>
    </>
  );
};

/**
 * Other complaints by reference: a link when the viewer may open it (its department), else the
 * reference alone (the API leaves its subject out then).
 */
const LinkList = ({
  title,
  links,
  testId,
}: {
  title: string;
  links: ComplaintSummaryView[];
  testId: string;
}) => {
  const cl = useConsoleLocale();
  if (links.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul class="plain" data-testid={testId}>
        {links.map((link) => (
          <li key={link.id} data-reference={link.reference}>
            {link.accessible ? (
              <a href={`#/case/${link.id}`}>{link.reference}</a>
            ) : (
              <span title={cl.t.case.notAccessible}>{link.reference}</span>
            )}
            {` · ${cl.label('status', link.status)}`}
            {link.subject && ` · ${link.subject}`} <small>{cl.at(link.submittedAt)}</small>
          </li>
        ))}
      </ul>
    </>
  );
};

/** The side panel: who the customer is, the grade, the deadlines, who handles it, related cases. */
export const CaseSide = ({ detail, names }: { detail: CaseDetail; names: DirectoryNames }) => {
  const cl = useConsoleLocale();
  const c = cl.t.case;
  const { customer } = detail;
  return (
    <aside class="side" aria-label={c.customer}>
      <h2>{c.customer}</h2>
      <dl class="facts">
        <dt>{c.customer}</dt>
        <dd>{customer.name}</dd>
        <dt>{c.contact}</dt>
        <dd>
          {customer.email ?? <span data-testid="no-email">{c.noEmail}</span>}
          {customer.phone && (
            <>
              <br />
              {customer.phone}
            </>
          )}
        </dd>
        <dt>{c.tier}</dt>
        <dd>{cl.label('tier', detail.tier)}</dd>
        <dt>{c.locale}</dt>
        <dd>{cl.label('locale', customer.locale)}</dd>
        <dt>{c.channel}</dt>
        <dd>{cl.label('channel', detail.channel)}</dd>
        {detail.contactProblem && (
          <>
            <dt>{c.contactProblem}</dt>
            <dd>
              <ContactProblemBadge problem={detail.contactProblem} />{' '}
              {c.contactProblems[detail.contactProblem.kind] ?? detail.contactProblem.kind}
              {cl.t.paren(
                `${cl.label('mailKind', detail.contactProblem.mailKind)}${cl.t.listSeparator}${cl.at(detail.contactProblem.at)}`,
              )}
            </dd>
          </>
        )}
      </dl>
      <CaseIntake detail={detail} names={names} />
      <h2>{c.grade}</h2>
      <dl class="facts">
        <dt>{c.category}</dt>
        <dd>{cl.label('category', detail.category)}</dd>
        <dt>{c.severity}</dt>
        <dd data-testid="case-severity">{cl.label('severity', detail.severity)}</dd>
        <dt>{c.urgency}</dt>
        <dd>{cl.label('urgency', detail.urgency)}</dd>
        <dt>{c.priority}</dt>
        <dd>{cl.label('priority', detail.priority)}</dd>
        {detail.preliminaryGrade && (
          <>
            <dt>{c.preliminaryGrade}</dt>
            <dd>
              {cl.label('category', detail.preliminaryGrade.category)} ·{' '}
              {cl.label('severity', detail.preliminaryGrade.severity)} ·{' '}
              {cl.label('urgency', detail.preliminaryGrade.urgency)}
            </dd>
          </>
        )}
        <dt>{c.department}</dt>
        <dd>{names.department(detail.department)}</dd>
        <dt>{c.assignee}</dt>
        <dd data-testid="case-assignee">
          {detail.assignee ? names.person(detail.assignee) : cl.t.unassigned}
        </dd>
      </dl>
      <h2>{c.sla}</h2>
      <dl class="facts">
        <Clock name={c.firstResponse} clock={detail.sla.firstResponse} />
        <Clock name={c.resolution} clock={detail.sla.resolution} />
        <dt>{c.submittedAt}</dt>
        <dd>{cl.at(detail.submittedAt)}</dd>
        {detail.policyVersion !== undefined && (
          <>
            <dt>{c.policyVersion}</dt>
            <dd data-testid="case-policy-version">{detail.policyVersion}</dd>
          </>
        )}
      </dl>
      {detail.pendingMail.length > 0 && (
        <p>
          {c.pendingMail}
          {cl.t.colon}
          {detail.pendingMail.map((mail) => cl.label('mailKind', mail.kind)).join(cl.t.listSeparator)}
        </p>
      )}
      <PersonalDataStatus detail={detail} names={names} />
      <RelatedComplaint relatedTo={detail.relatedTo} />
      <LinkList title={c.related} links={detail.relatedComplaints} testId="related" />
      <LinkList title={c.history} links={detail.customerHistory} testId="history" />
    </aside>
  );
};
