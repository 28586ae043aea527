import * as z from './zod.ts';

/** Length in Unicode code points, so a Chinese character or an emoji counts as one character. */
export const characterCount = (value: string): number => [...value].length;

// C0/C1 control characters other than tab, line feed and carriage return never belong in a complaint.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

const LINE_BREAKS = /[\r\n\t]/u;

interface TextOptions {
  min?: number;
  max: number;
  multiline?: boolean;
}

/**
 * A free-text field: NFC-normalised, trimmed, limited in characters (not bytes), free of control
 * characters (and of line breaks unless multiline).
 */
export const text = ({ min = 1, max, multiline = false }: TextOptions) =>
  z
    .pipe(
      z.string(),
      z.transform((value: string) => value.normalize('NFC').trim()),
    )
    .check(
      z.superRefine((value, ctx) => {
        const count = characterCount(value);
        if (count < min) {
          ctx.addIssue({
            code: 'custom',
            message: min === 1 ? 'must not be empty' : `must be at least ${min} characters`,
          });
        }
        if (count > max) ctx.addIssue({ code: 'custom', message: `must be at most ${max} characters` });
        if (FORBIDDEN_CONTROL.test(value)) {
          ctx.addIssue({ code: 'custom', message: 'must not contain control characters' });
        }
        if (!multiline && LINE_BREAKS.test(value)) {
          ctx.addIssue({ code: 'custom', message: 'must be a single line' });
        }
      }),
    );
