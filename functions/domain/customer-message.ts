import * as z from './zod.ts';
import { text } from './text.ts';

/**
 * What a complainant posts to their complaint: an answer to a request for information, say; with
 * `reopen: true`, their disagreement with our resolution ("Not satisfied? Tell us"), which reopens it.
 */
export const customerMessageSchema = z.strictObject({
  message: text({ max: 5000, multiline: true }),
  reopen: z.optional(z.boolean()),
});

/** "Find my complaint": the reference and the email it was filed with. */
export const trackingLinkRequestSchema = z.strictObject({
  reference: z.pipe(
    z.string().check(z.trim(), z.toUpperCase()),
    z
      .string()
      .check(z.regex(/^CMP-\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/u, 'must be a reference such as CMP-261123-7K3QX9')),
  ),
  email: z.pipe(
    z.string().check(z.trim(), z.maxLength(254, 'must be at most 254 characters')),
    z.email('must be an email address'),
  ),
});
