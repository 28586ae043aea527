import { listDataRequests } from '../../../app/list-data-requests.ts';
import { wallClock } from '../../../adapters/clock.ts';
import { dataRequestStore } from '../../../adapters/data-request-repository.ts';
import { DATA_REQUEST_ROLES } from '../../../domain/data-subject-request.ts';
import { httpHandler } from '../../http/middleware.ts';
import { jsonResponse } from '../../http/problem.ts';
import { forbidden, requireStaff } from '../../http/staff-auth.ts';

/** GET /v1/staff/data-requests — the queue of data-subject requests (managers and admins). */
export const handler = httpHandler(async (event) => {
  const principal = requireStaff(event);
  if (!principal.roles.some((role) => DATA_REQUEST_ROLES.includes(role))) {
    throw forbidden('Data-subject requests are for managers and admins.');
  }
  return jsonResponse(200, await listDataRequests({ requests: dataRequestStore, clock: wallClock }));
});
