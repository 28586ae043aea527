import { HttpProblem } from '../http/problem.ts';

/** A mailed data-request link that does not open: forged or altered (404), or past its time (410). */
export const linkProblem = (kind: 'invalid' | 'expired'): HttpProblem =>
  kind === 'expired'
    ? new HttpProblem({
        type: '/problems/link-expired',
        title: 'Link expired',
        status: 410,
        detail: 'This link has expired. Ask again from the personal data page.',
      })
    : new HttpProblem({
        type: '/problems/not-found',
        title: 'Not found',
        status: 404,
        detail: 'This link is not valid. Use the link from the email as it is.',
      });
