import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import { useConsoleLocale } from './console-locale.tsx';
import { fieldName, fieldValue } from './case-timeline.tsx';
import type { DirectoryNames } from './directory.ts';

/** What an agent asked for that needs a supervisor's approval (a grade downgrade, a rejection). */
interface PendingChangeView {
  kind?: string;
  requestedBy?: string;
  by?: string;
  at?: string;
  requestedAt?: string;
  [field: string]: unknown;
}

const META = new Set(['kind', 'type', 'by', 'requestedBy', 'at', 'requestedAt', 'approverRole']);

/** Shown above the conversation, so the approver sees who asked for what before anything else. */
export const PendingChange = ({ detail, names }: { detail: CaseDetail; names: DirectoryNames }) => {
  const cl = useConsoleLocale();
  const change = (detail as CaseDetail & { pendingChange?: PendingChangeView | null }).pendingChange;
  if (!change) return null;
  const kind = change.kind ?? (typeof change.type === 'string' ? change.type : undefined);
  return (
    <section class="pending-change" aria-labelledby="pending-change-title" data-testid="pending-change">
      <h2 id="pending-change-title">
        {cl.t.case.pendingChange}
        {kind ? `${cl.t.colon}${cl.t.composer.actions[kind] ?? kind}` : ''}
      </h2>
      <p>
        {cl.t.case.pendingChangeBy(
          names.person(change.requestedBy ?? change.by),
          cl.at(change.requestedAt ?? change.at),
        )}
      </p>
      <ul>
        {Object.entries(change)
          .filter(([field]) => !META.has(field))
          .map(([field, value]) => (
            <li key={field}>
              {fieldName(field, cl)}
              {cl.t.colon}
              {fieldValue(field, value, cl, names)}
            </li>
          ))}
      </ul>
    </section>
  );
};
