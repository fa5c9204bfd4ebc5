import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Adds step `n` to the contract editor's plan: its objective (the first), kind, label and weekly hours. */
export async function addStep(page: Page, n: number, kind: string, label: string, hours: string) {
  await page.getByRole('button', { name: 'Ajouter une étape' }).click();
  const objective = page.getByLabel(`Objectif de l’étape ${n}`);
  await expect.poll(() => objective.evaluate((e) => e === document.activeElement)).toBe(true);
  await objective.selectOption({ index: 1 });
  await page.getByLabel(`Type de l’étape ${n}`).selectOption({ label: kind });
  await page.getByLabel(`Intitulé de l’étape ${n}`).fill(label);
  await page.getByLabel(`Heures par semaine de l’étape ${n}`).fill(hours);
}

/** The planner, computed as the agent types: every week of the plan at 18 h, none under the minimum. */
export async function expectEveryWeekAt18Hours(page: Page) {
  const chart = page.getByRole('img', { name: /Heures prévues par semaine/ });
  await expect.poll(() => chart.getAttribute('aria-labelledby')).toBeTruthy();
  await page.getByText(/^\d+ semaines : toutes atteignent 15 h\.$/).waitFor();
  await page.getByText('Détail semaine par semaine (tableau)').click();
  const weeks = page.getByRole('table', { name: 'Heures prévues par semaine' });
  const hours = await weeks.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(hours.length).toBeGreaterThan(20);
  expect(new Set(hours)).toEqual(new Set(['18 h']));
}
