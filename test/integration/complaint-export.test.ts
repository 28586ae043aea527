import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { chineseComplaint } from '../support/fixtures.ts';
import { apiUrl, postComplaint } from '../support/http.ts';
import { useLocalStack } from '../support/stack-client.ts';

await useLocalStack();
const { issueDevToken } = await import('../../local/auth/issue-token.ts');
const manager = await issueDevToken({ role: 'manager', subject: 'mgr-csv' });
const supervisor = await issueDevToken({ role: 'supervisor', department: 'quality', subject: 'sup-csv' });

// The stack's clock runs fast (SLA_TIME_SCALE), so a wide range surely holds today's submissions.
const from = DateTime.utc().minus({ days: 2 }).toISODate();
const to = DateTime.utc().plus({ days: 700 }).toISODate();
const EXPORT_PATH = '/v1/staff/reports/complaints.csv';

const download = (pathAndQuery: string, token = manager) =>
  fetch(`${apiUrl()}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });

/** The rows of a page as a spreadsheet reads them: header row first. */
const rowsOf = (body: Buffer) => parse(body, { bom: true });

/** Every page of an export, following `Link: <…>; rel="next"`. */
const downloadAll = async (query: string) => {
  const pages: Buffer[] = [];
  let next: string | undefined = `${EXPORT_PATH}?${query}`;
  while (next) {
    const response = await download(next);
    expect(response.status).toBe(200);
    pages.push(Buffer.from(await response.arrayBuffer()));
    next = /^<([^>]+)>; rel="next"$/u.exec(response.headers.get('link') ?? '')?.[1];
  }
  return pages;
};

describe('complaints CSV export against the local stack', () => {
  const marker = randomUUID().slice(0, 8);
  const subjects = [1, 2, 3].map((n) => `导出测试 ${marker} 第${n}件：电热水壶漏水`);
  /** The days (policy time zone) our complaints were received on, from their rows. */
  let ourDays = { from, to };

  it('downloads the complaints received in the range, Chinese text intact, with a BOM and no contact details', async () => {
    const references: string[] = [];
    for (const subject of subjects) {
      const response = await postComplaint(
        chineseComplaint({ subject, customer: { name: '赵六', email: `csv-${marker}@example.com` } }),
      );
      expect(response.status).toBe(201);
      references.push(((await response.json()) as { reference: string }).reference);
    }

    const response = await download(`${EXPORT_PATH}?from=${from}&to=${to}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="complaints-${from}-${to}.csv"`,
    );
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = rowsOf(body);
    expect(header?.[0]).toBe('编号');
    const ours = rows.filter((row) => row[3]?.includes(marker));
    expect(ours.map((row) => [row[0], row[3], row[2]])).toEqual(
      subjects.map((subject, n) => [references[n], subject, '网站表单']),
    );
    const days = ours.map((row) => row[1]!.slice(0, 10)).sort();
    ourDays = { from: days[0]!, to: days.at(-1)! };
    const text = body.toString('utf8');
    expect(text).not.toContain(`csv-${marker}@example.com`);
    expect(text).not.toContain('赵六');
  });

  it('pages with Link rel="next": every page stands alone and together they hold each complaint once', async () => {
    // Only the days of our complaints: the scaled clock spreads the other tests' over many days.
    const pages = await downloadAll(`from=${ourDays.from}&to=${ourDays.to}&limit=2`);
    expect(pages.length).toBeGreaterThan(1);
    const rows = pages.flatMap((page) => {
      expect(page.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const [header, ...body] = rowsOf(page);
      expect(header?.[0]).toBe('编号');
      expect(body.length).toBeLessThanOrEqual(2);
      return body;
    });
    const references = rows.map((row) => row[0]);
    expect(new Set(references).size).toBe(references.length);
    expect(rows.filter((row) => row[3]?.includes(marker)).map((row) => row[3])).toEqual(subjects);
  });

  it('answers 403 to a supervisor', async () => {
    const response = await download(`${EXPORT_PATH}?from=${from}&to=${from}`, supervisor);
    expect(response.status).toBe(403);
  });

  it('answers 400 problem+json to a reversed or too long range', async () => {
    for (const query of [`from=${to}&to=${from}`, 'from=2024-01-01&to=2026-01-02', `from=${from}`]) {
      const response = await download(`${EXPORT_PATH}?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});
