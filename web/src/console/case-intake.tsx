import type { ComponentChildren } from 'preact';
import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import { useConsoleLocale } from './console-locale.ts';
import type { DirectoryNames } from './directory.ts';
import { Facts } from './facts.tsx';

/**
 * How the complaint came in: when the customer complained (the clocks run from it) beside when it was
 * recorded, a late record flagged, who logged it, who passed it on and how receipt was confirmed.
 * Web and API complaints have none of these but the times, which are then one.
 */
export const CaseIntake = ({ detail, names }: { detail: CaseDetail; names: DirectoryNames }) => {
  const cl = useConsoleLocale();
  const c = cl.t.case;
  const receivedAt = detail.receivedAt ?? detail.submittedAt;
  const rows: [string, ComponentChildren][] = [
    [
      c.receivedAt,
      <span data-testid="case-received-at" key="received">
        {cl.at(receivedAt)}
        {detail.recordedLate && (
          <>
            {' '}
            <span class="badge overdue" data-testid="recorded-late">
              {c.recordedLate}
            </span>
            <br />
            <small>{c.recordDue(cl.at(detail.recordedLate.dueAt))}</small>
          </>
        )}
      </span>,
    ],
    ...(receivedAt === detail.submittedAt
      ? []
      : [[c.submittedAt, cl.at(detail.submittedAt)] as [string, string]]),
    ...(detail.loggedBy ? [[c.loggedBy, names.person(detail.loggedBy.id)] as [string, string]] : []),
    ...(detail.source
      ? [
          [
            c.source,
            `${cl.label('thirdPartyKind', detail.source.kind)}${cl.t.colon}${detail.source.name}${
              detail.source.reference ? cl.t.paren(detail.source.reference) : ''
            }`,
          ] as [string, string],
        ]
      : []),
    ...(detail.acknowledgedVia
      ? [
          [
            c.acknowledgedVia,
            `${cl.label('contactChannel', detail.acknowledgedVia)}${detail.acknowledgedAt ? ` · ${cl.at(detail.acknowledgedAt)}` : ''}`,
          ] as [string, string],
        ]
      : []),
    [
      c.consent,
      <span data-testid="case-consent" key="consent">
        {detail.consent.privacyNoticeVersion
          ? c.privacyNotice(detail.consent.privacyNoticeVersion)
          : c.privacyNoticeUnstated}
        {` · ${cl.at(detail.consent.recordedAt)}`}
      </span>,
    ],
  ];
  return (
    <section data-testid="case-intake" aria-labelledby="case-intake-title">
      <h2 id="case-intake-title">{c.intake}</h2>
      <Facts rows={rows} />
    </section>
  );
};
