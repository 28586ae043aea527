import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (apt); a browser is never downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });

/** A full-page screenshot under test/artifacts/ (git-ignored) for review. */
export const screenshot = async (page: Page, name: string) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
};

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeResults {
  violations: { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[];
}
/** What the page sees of axe-core once injected (the test's tsconfig has no DOM types). */
interface AxePage {
  axe?: { run: (context: unknown, options: object) => Promise<AxeResults> };
  document: unknown;
}

/** WCAG 2.1 A and AA violations axe-core finds on the page as it is now, serious or worse. */
export const accessibilityViolations = async (page: Page): Promise<string[]> => {
  // Evaluated, not added as a <script>: the pages' Content-Security-Policy (rightly) refuses inline
  // scripts, and DevTools evaluation is outside its reach.
  if (!(await page.evaluate(() => 'axe' in globalThis)))
    await page.evaluate(readFileSync(AXE_SCRIPT, 'utf8'));
  const { violations } = await page.evaluate(() => {
    const { axe, document } = globalThis as unknown as AxePage;
    return axe!.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(' ')}`,
    );
};

/** What the page's Content-Security-Policy blocked so far (Chromium reports it on the console). */
export const contentSecurityViolations = async (page: Page): Promise<string[]> =>
  (await page.consoleMessages())
    .map((message) => message.text())
    .filter((text) => text.includes('Content Security Policy'));

/**
 * Saves the page for review and fails on any serious accessibility violation in it, or on anything
 * its Content-Security-Policy blocked.
 */
export const reviewPage = async (page: Page, name: string) => {
  await screenshot(page, name);
  const blocked = await contentSecurityViolations(page);
  if (blocked.length > 0)
    throw new Error(`${name}: blocked by the Content-Security-Policy\n${blocked.join('\n')}`);
  const violations = await accessibilityViolations(page);
  if (violations.length > 0) throw new Error(`${name}: accessibility violations\n${violations.join('\n')}`);
};
