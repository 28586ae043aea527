import type * as z from './zod.ts';

/** One rejected field of a request, as the API's 400 problem lists it. */
export interface FieldError {
  field: string;
  message: string;
}

const fieldName = (path: readonly PropertyKey[]): string =>
  path.length === 0 ? '(body)' : path.map(String).join('.');

/** A zod error as field errors: one per issue, one per unknown key. */
export const toFieldErrors = (error: z.core.$ZodError): FieldError[] =>
  error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldName([...issue.path, key]), message: 'is not a known field' }))
      : [{ field: fieldName(issue.path), message: issue.message }],
  );
