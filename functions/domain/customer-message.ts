import * as z from './zod.ts';
import { text } from './text.ts';

/** What a complainant posts to their complaint (an answer to a request for information, say). */
export const customerMessageSchema = z.strictObject({ message: text({ max: 5000, multiline: true }) });
