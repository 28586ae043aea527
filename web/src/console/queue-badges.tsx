import type { ContactProblemView } from '../../../functions/domain/staff-view.ts';
import { useConsoleLocale } from './console-locale.ts';

/** Overdue and escalation as words ("已升级：部门负责人"), never a bare level number. */
export const EscalationBadges = ({ overdue, level }: { overdue: boolean; level: number }) => {
  const { t } = useConsoleLocale();
  return (
    <>
      {overdue && (
        <span class="badge overdue" data-badge="overdue">
          {t.badges.overdue}
        </span>
      )}
      {level > 0 && (
        <span class="badge escalated" data-badge="escalated">
          {t.badges.escalated(t.badges.escalationLevels[level] ?? String(level))}
        </span>
      )}
    </>
  );
};

/** The customer's email does not reach them (bounced or reported as spam): phone them instead. */
export const ContactProblemBadge = ({ problem }: { problem: ContactProblemView | null }) => {
  const { t } = useConsoleLocale();
  if (!problem) return null;
  return (
    <span class="badge overdue" data-testid="contact-problem" title={t.case.contactProblems[problem.kind]}>
      {t.case.contactByPhone}
    </span>
  );
};

/** A queue row that is another department's case this department helps on (协办 / Assist). */
export const AssistBadge = ({ assistId }: { assistId: string | null }) => {
  const { t } = useConsoleLocale();
  if (!assistId) return null;
  return (
    <span class="badge assist" data-badge="assist" title={t.assists.badgeTitle}>
      {t.assists.badge}
    </span>
  );
};
