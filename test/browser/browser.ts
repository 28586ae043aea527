import { mkdirSync } from 'node:fs';
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
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: AXE_SCRIPT });
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

/** Saves the page for review and fails on any serious accessibility violation in it. */
export const reviewPage = async (page: Page, name: string) => {
  await screenshot(page, name);
  const violations = await accessibilityViolations(page);
  if (violations.length > 0) throw new Error(`${name}: accessibility violations\n${violations.join('\n')}`);
};
