import { useEffect, useState } from 'preact/hooks';
import { checkCalendarYears } from '../../../functions/domain/calendar-years.ts';
import type { Policy } from '../../../functions/domain/policy.ts';
import { Alert } from '../shared/field.tsx';
import type { PolicyAdminView } from './policy-form.ts';
import { usePolicyWords } from './policy-words.ts';
import { staffApi } from './staff-api.ts';

/**
 * The calendar-year warning of `npm start` and synth (checkCalendarYears: the current year, and from
 * 1 December the next), for the people who can fix it. With `policy` it checks that one; without, it
 * reads the active policy (a 403 for other roles shows nothing).
 */
export const CalendarYearsBanner = ({ policy, link = false }: { policy?: Policy; link?: boolean }) => {
  const w = usePolicyWords().calendar;
  const [loaded, setLoaded] = useState<Policy | undefined>();
  useEffect(() => {
    if (policy) return;
    void staffApi<PolicyAdminView>('/v1/staff/admin/policy').then(
      (result) => result.ok && setLoaded(result.body.active.policy),
    );
  }, [policy]);
  const checked = policy ?? loaded;
  if (!checked) return null;
  const { missing } = checkCalendarYears(checked, new Date());
  if (missing.length === 0) return null;
  return (
    <Alert kind="error">
      <span data-testid="calendar-banner">{w.missing(missing.join(', '))}</span>
      {link && (
        <>
          {' '}
          <a href="#/admin/policy">{w.missingLink}</a>
        </>
      )}
    </Alert>
  );
};
