import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import { useConsoleLocale } from './console-locale.ts';
import type { DirectoryNames } from './directory.ts';
import { Facts } from './facts.tsx';

/**
 * What an agent asked for that needs a supervisor's approval (lowering an L1/L2 grade, a rejection):
 * above the conversation, so the approver sees who asked for what before anything else.
 */
export const PendingChange = ({ detail, names }: { detail: CaseDetail; names: DirectoryNames }) => {
  const cl = useConsoleLocale();
  const { t, label } = cl;
  const change = detail.pendingChange;
  if (!change) return null;
  // A grade field the change leaves as it is reads as its value, one it changes as before → after.
  const grade = (kind: 'category' | 'severity' | 'urgency', asked: string): [string, string] => [
    t.case[kind],
    detail[kind] === asked ? label(kind, asked) : `${label(kind, detail[kind])} → ${label(kind, asked)}`,
  ];
  const rows: [string, string][] =
    change.kind === 'regrade'
      ? [
          grade('category', change.category),
          grade('severity', change.severity),
          grade('urgency', change.urgency),
          [t.composer.fields.reason!, change.reason],
        ]
      : [
          [t.composer.fields.reason!, label('rejectionReason', change.reason)],
          [t.composer.fields.note!, change.note],
        ];
  return (
    <section class="pending-change" aria-labelledby="pending-change-title" data-testid="pending-change">
      <h2 id="pending-change-title">
        {t.case.pendingChange}
        {t.colon}
        {label('changeKind', change.kind)}
      </h2>
      <p>{t.case.pendingChangeBy(names.person(change.requestedBy), cl.at(change.requestedAt))}</p>
      <Facts rows={rows} />
    </section>
  );
};
