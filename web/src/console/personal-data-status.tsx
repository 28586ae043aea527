import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import { useConsoleLocale } from './console-locale.ts';
import type { DirectoryNames } from './directory.ts';

/**
 * Whether the case is under a legal hold (why, by whom, since when) and whether its personal data was
 * anonymised (why, when): staff then know why the customer's details and texts are empty.
 */
export const PersonalDataStatus = ({
  detail,
  names,
}: {
  detail: Pick<CaseDetail, 'legalHold' | 'anonymised'>;
  names: Pick<DirectoryNames, 'person'>;
}) => {
  const cl = useConsoleLocale();
  const c = cl.t.case;
  return (
    <>
      {detail.legalHold && (
        <p data-testid="legal-hold">
          {c.legalHold}
          {cl.t.colon}
          {`${detail.legalHold.reason}${cl.t.listSeparator}${names.person(detail.legalHold.by)}${cl.t.listSeparator}${cl.at(detail.legalHold.at)}`}
        </p>
      )}
      {detail.anonymised && (
        <p data-testid="anonymised">
          {c.anonymised}
          {cl.t.colon}
          {`${cl.label('anonymisationReason', detail.anonymised.reason)}${cl.t.listSeparator}${cl.at(detail.anonymised.at)}`}
        </p>
      )}
    </>
  );
};
