/**
 * Finds log lines that carry a customer's contact details. Deliberately not the product's own
 * redaction patterns (functions/domain/privacy.ts), so a line that bypassed the logger, or a pattern
 * the redaction misses, is caught: any unmasked address ("w***@example.com" is masked), and the
 * test customers' phone numbers however they are spaced.
 */
const UNMASKED_EMAIL = /[A-Za-z0-9._%+-]{2,}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/u;

/** Every phone number a test customer gives (fixtures, staff API and browser tests). */
export const TEST_CUSTOMER_PHONES = ['+86 138 0013 8000', '+86 139 1234 5678', '+86 139 0000 1234'];

export const linesWithContactDetails = (
  lines: readonly string[],
  phones: readonly string[] = TEST_CUSTOMER_PHONES,
): string[] => {
  // The number, with or without the country code, but not inside a longer run of digits (a timestamp).
  const numbers = phones.map(
    (phone) => new RegExp(`(?<!\\d)(?:86)?${phone.replace(/\D/gu, '').slice(-11)}(?!\\d)`, 'u'),
  );
  return lines.filter((line) => {
    if (UNMASKED_EMAIL.test(line)) return true;
    const joined = line.replace(/[\s()-]/gu, '');
    return numbers.some((number) => number.test(joined));
  });
};
