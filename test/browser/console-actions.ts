import type { Page } from 'playwright-core';

/**
 * Runs one action from the case page's composer, as a member of staff does: choose it, fill in its
 * form, send it (confirming when asked). A conflict (the workflow changed the case meanwhile) reloads
 * the case and keeps the form; sending again is then enough.
 */
export const act = async (page: Page, type: string, fill: Record<string, string> = {}) => {
  const status = page.getByTestId('case-status');
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const version = await status.getAttribute('data-version');
    await page.getByTestId('composer-action').selectOption(type);
    const form = page.locator(`form[data-action="${type}"]`);
    for (const [name, value] of Object.entries(fill)) {
      const select = form.locator(`select[name="${name}"]`);
      if ((await select.count()) > 0) await select.selectOption(value);
      else await form.locator(`[name="${name}"]`).fill(value);
    }
    await form.locator('button[type="submit"]').click();
    const changed = page.locator(`[data-testid="case-status"]:not([data-version="${version}"])`);
    const outcome = await Promise.race([
      changed.waitFor().then(() => 'done' as const),
      form
        .getByRole('alert')
        .waitFor()
        .then(() => 'refused' as const),
      form
        .getByRole('alertdialog')
        .waitFor()
        .then(() => 'confirm' as const),
    ]);
    if (outcome === 'done') return;
    if (outcome === 'confirm') {
      await form.getByRole('alertdialog').locator('button[type="submit"]').click();
      const confirmed = await Promise.race([
        changed.waitFor().then(() => 'done' as const),
        form
          .getByRole('alert')
          .waitFor()
          .then(() => 'refused' as const),
      ]);
      if (confirmed === 'done') return;
    }
    if ((await form.locator('[data-problem="conflict"]').count()) === 0)
      throw new Error(
        `${type} refused at version ${version}: ${(await form.getByRole('alert').textContent()) ?? ''}`,
      );
    // The page reloaded the case on the conflict: wait for the new version, then send again.
    await changed.waitFor();
  }
  throw new Error(`${type}: kept conflicting`);
};
