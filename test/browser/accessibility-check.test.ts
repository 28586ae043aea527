import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchBrowser } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the accessibility check the journey applies to every page', () => {
  it('finds an unlabelled field and text without contrast, and passes a labelled form', async () => {
    const page = await browser.newPage();
    await page.setContent(
      '<!doctype html><html lang="en"><head><title>t</title></head><body><main>' +
        '<input type="text"><p style="color:#eee;background:#fff">faint</p></main></body></html>',
    );
    const violations = await accessibilityViolations(page);
    expect(violations.map((violation) => violation.split(':')[0])).toEqual(
      expect.arrayContaining(['label', 'color-contrast']),
    );
    await page.setContent(
      '<!doctype html><html lang="en"><head><title>t</title></head><body><main>' +
        '<label for="n">Name</label><input id="n" type="text"><p>clear</p></main></body></html>',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
