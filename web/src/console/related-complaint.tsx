import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import { useConsoleLocale } from './console-locale.ts';

/**
 * The finished complaint this one continues (the customer answered its mail after it ended, which
 * filed this one): one line linking it, so the handler reads the history before replying.
 */
export const RelatedComplaint = ({ relatedTo }: { relatedTo: CaseDetail['relatedTo'] }) => {
  const cl = useConsoleLocale();
  if (!relatedTo) return null;
  return (
    <p data-testid="related-to">
      {cl.t.case.relatedTo}
      {cl.t.colon}
      <a href={`#/case/${relatedTo.id}`}>{relatedTo.reference}</a>
    </p>
  );
};
