import type { Page } from 'playwright-core';

/**
 * Runs one action from the case page's composer, as a member of staff does: choose it, fill in its
 * form, send it (confirming when asked). A conflict (the workflow changed the case meanwhile) reloads
 * the case and keeps the form; sending again is then enough.
 */
export const act = async (page: Page, type: string, fill: Record<string, string> = {}) => {
  const status = page.getByTestId('case-status');
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const version = await status.getAttribute('data-version');
    const done = Number(await page.locator('[data-actions-done]').getAttribute('data-actions-done'));
    await page.getByTestId('composer-action').selectOption(type);
    const form = page.locator(`form[data-action="${type}"]`);
    for (const [name, value] of Object.entries(fill)) {
      const select = form.locator(`select[name="${name}"]`);
      if ((await select.count()) > 0) await select.selectOption(value);
      else await form.locator(`[name="${name}"]`).fill(value);
    }
    const sent = Number(await form.getAttribute('data-attempts')) + 1;
    // Done when the page counts one more action; refused when a refusal answers this very send.
    const outcome = () =>
      Promise.race([
        page
          .locator(`[data-actions-done="${done + 1}"]`)
          .waitFor()
          .then(() => 'done' as const),
        form
          .locator(`[data-problem][data-attempt="${sent}"]`)
          .waitFor()
          .then(() => 'refused' as const),
        form
          .getByRole('alertdialog')
          .waitFor()
          .then(() => 'confirm' as const),
      ]);
    await form.locator('button[type="submit"]').click();
    let result = await outcome();
    if (result === 'confirm') {
      await form.getByRole('alertdialog').locator('button[type="submit"]').click();
      result = await outcome();
    }
    if (result === 'done') return;
    if ((await form.locator(`[data-problem="conflict"][data-attempt="${sent}"]`).count()) === 0)
      throw new Error(
        `${type} refused at version ${version}: ${(await form.getByRole('alert').textContent()) ?? ''}`,
      );
    // The page reloads the case on a conflict: wait for the new version, then send again.
    await page.locator(`[data-testid="case-status"]:not([data-version="${version}"])`).waitFor();
  }
  throw new Error(`${type}: kept conflicting`);
};
