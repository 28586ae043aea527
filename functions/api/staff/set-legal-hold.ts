import { complaintIdSchema } from '../../domain/complaint.ts';
import { toFieldErrors } from '../../domain/field-errors.ts';
import { LEGAL_HOLD_ROLES, legalHoldRequestSchema, type LegalHoldResponse } from '../../domain/retention.ts';
import { setLegalHold } from '../../app/set-legal-hold.ts';
import { complaintStore } from '../../adapters/complaint-store.ts';
import { httpHandler } from '../http/middleware.ts';
import { HttpProblem, jsonResponse, problems } from '../http/problem.ts';
import { forbidden, requireStaff } from '../http/staff-auth.ts';
import { caseNotFound } from './case-not-found.ts';

/** PUT /v1/staff/complaints/{id}/legal-hold — a manager or admin sets or clears a legal hold, with a reason. */
export const handler = httpHandler({ jsonBody: { maxBytes: 8 * 1024 } }, async (event) => {
  const principal = requireStaff(event);
  if (!principal.roles.some((role) => LEGAL_HOLD_ROLES.includes(role)))
    throw forbidden('Legal holds are set and cleared by managers and admins.');
  const id = complaintIdSchema.safeParse(event.pathParameters?.id);
  if (!id.success) throw caseNotFound();
  const parsed = legalHoldRequestSchema.safeParse(event.body);
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const outcome = await setLegalHold({ complaints: complaintStore }, id.data, parsed.data, principal);
  switch (outcome.kind) {
    case 'not-found':
      throw caseNotFound();
    case 'refused':
      throw new HttpProblem({
        type: '/problems/anonymised',
        title: 'The complaint is anonymised',
        status: 409,
        detail: 'Its personal data was removed already: there is nothing left to hold.',
      });
    case 'saved': {
      const body: LegalHoldResponse = {
        legalHold: outcome.complaint.legalHold ?? null,
        version: outcome.complaint.version,
      };
      return jsonResponse(200, body);
    }
  }
});
