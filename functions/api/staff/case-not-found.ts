import { HttpProblem } from '../http/problem.ts';

/** The answer for a case id that names no complaint (or no valid id). */
export const caseNotFound = () =>
  new HttpProblem({
    type: '/problems/not-found',
    title: 'Not found',
    status: 404,
    detail: 'No complaint has this id.',
  });
