import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import { useConsoleLocale } from './console-locale.ts';
import type { DirectoryNames } from './directory.ts';

type AssistView = CaseDetail['assists'][number];

/** Who asked: a member of staff by name, or the routing rule that asked at triage. */
const requesterOf = (assist: AssistView, names: DirectoryNames, ruleText: (rule: string) => string) =>
  assist.requestedBy.startsWith('rule:')
    ? ruleText(assist.requestedBy.slice('rule:'.length))
    : names.person(assist.requestedBy);

/**
 * The case's requests for help to other departments (co-handling): who was asked what, by when,
 * whether it blocks the resolution, and the answer. Open ones first, the soonest due on top.
 */
export const AssistsPanel = ({ detail, names }: { detail: CaseDetail; names: DirectoryNames }) => {
  const cl = useConsoleLocale();
  const { t, label } = cl;
  const a = t.assists;
  if (detail.assists.length === 0) return null;
  const shown = detail.assists.toSorted(
    (x, y) => Number(y.status === 'open') - Number(x.status === 'open') || x.dueAt.localeCompare(y.dueAt),
  );
  return (
    <section class="assists" aria-labelledby="assists-title" data-testid="assists">
      <h2 id="assists-title">{a.title}</h2>
      <ul class="plain">
        {shown.map((assist) => (
          <li
            key={assist.id}
            data-assist={assist.id}
            data-department={assist.department}
            data-status={assist.overdue ? 'overdue' : assist.status}
          >
            <p>
              <strong>{names.department(assist.department)}</strong>{' '}
              <span class={`badge assist-${assist.status}`}>{label('assistStatus', assist.status)}</span>
              {assist.overdue && <span class="badge overdue">{a.overdue}</span>}
              {assist.required && <span class="badge escalated">{a.required}</span>}
            </p>
            <dl class="facts">
              <dt>{a.question}</dt>
              <dd data-field="question">{assist.question}</dd>
              <dt>{a.requested}</dt>
              <dd>
                {requesterOf(assist, names, a.byRule)}
                {t.listSeparator}
                {cl.at(assist.requestedAt)}
              </dd>
              {assist.status === 'open' && (
                <>
                  <dt>{a.due}</dt>
                  <dd>{cl.at(assist.dueAt)}</dd>
                </>
              )}
              {assist.answer !== undefined && (
                <>
                  <dt>{a.answer}</dt>
                  <dd data-field="answer">{assist.answer}</dd>
                  <dt>{a.answeredBy}</dt>
                  <dd>
                    {/* The answerer is in the assisting department, outside this console's directory. */}
                    {assist.answeredByName ?? names.person(assist.answeredBy)}
                    {assist.answeredAt && `${t.listSeparator}${cl.at(assist.answeredAt)}`}
                  </dd>
                </>
              )}
              {assist.status === 'cancelled' && (
                <>
                  <dt>{a.cancelled}</dt>
                  <dd>
                    {names.person(assist.cancelledBy)}
                    {assist.cancelReason && t.paren(assist.cancelReason)}
                  </dd>
                </>
              )}
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
};
