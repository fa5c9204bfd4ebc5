import type { PlanPauvreteIndicators } from '@parcours/contracts';
import { indicatorDefinitions, planPauvreteIndicatorKeys } from '@parcours/contracts';
import { describe, expect, it } from 'vitest';
import {
  csvFileName,
  formatCount,
  formatFigure,
  formatRate,
  indicatorGroups,
  indicatorsCsv,
  rateOf,
} from './figures';

// Intl writes French thousands with a narrow no-break space: compare with plain spaces.
const plain = (s: string | null) => s?.replace(/[\u202f\u00a0]/g, ' ') ?? null;

const figures: PlanPauvreteIndicators = {
  newEntrants: 23_691,
  newEntrantsOriented: 20_108,
  newEntrantsOrientedWithin1Month: 13_383,
  firstAppointmentsSet: 0,
  firstAppointmentsWithin2Weeks: 0,
  firstContracts: 1000,
  firstContractsWithin2Months: 999,
  activityGuaranteeOriented: 4135,
  activityGuaranteeInProgress: 3382,
  globalSupportPerAdvisor: 72.3,
  globalSupportStartDelayDays: null,
};

describe('figures of the indicators screen', () => {
  it('groups every indicator under the seed’s objectives, in order, each once', () => {
    expect(indicatorGroups.map((g) => g.ref)).toEqual(['3.1.1', '3.1.2', '3.1.3', '3.2.1', '3.2.2']);
    expect(indicatorGroups.flatMap((g) => g.keys)).toEqual([...planPauvreteIndicatorKeys]);
    expect(indicatorGroups[0]?.keys).toEqual([
      'newEntrants',
      'newEntrantsOriented',
      'newEntrantsOrientedWithin1Month',
    ]);
  });

  it('writes counts in French and the ratio and mean with one decimal', () => {
    expect(plain(formatCount(13_383))).toBe('13 383');
    expect(plain(formatFigure(indicatorDefinitions.newEntrants, 1_234_567))).toBe('1 234 567');
    expect(formatFigure(indicatorDefinitions.globalSupportPerAdvisor, 72.3)).toBe('72,3');
    expect(formatFigure(indicatorDefinitions.globalSupportStartDelayDays, 21)).toBe('21,0');
    expect(formatFigure(indicatorDefinitions.globalSupportStartDelayDays, null)).toBe('—');
  });

  it('derives a share with its two counts, none when the whole is zero', () => {
    expect(plain(formatRate(13_383, 23_691))).toBe('56 % (13 383 / 23 691)');
    expect(plain(formatRate(20_108, 34_931))).toBe('58 % (20 108 / 34 931)');
    expect(plain(formatRate(5, 5))).toBe('100 % (5 / 5)');
    expect(plain(formatRate(0, 7))).toBe('0 % (0 / 7)');
    expect(formatRate(0, 0)).toBeNull();
    expect(rateOf(1, 0)).toBeNull();
  });

  it('never rounds a partial share to 0 % or 100 %', () => {
    expect(plain(formatRate(999, 1000))).toBe('99,9 % (999 / 1 000)');
    expect(plain(formatRate(19_999, 20_000))).toBe('99,9 % (19 999 / 20 000)');
    expect(plain(formatRate(1, 1000))).toBe('0,1 % (1 / 1 000)');
    expect(plain(formatRate(1, 100_000))).toBe('0,1 % (1 / 100 000)');
  });

  it('the CSV holds the figures and shares shown, semicolon-separated, nothing about a person', () => {
    const csv = indicatorsCsv(figures, {
      from: '2026-01-01',
      to: '2026-03-31',
      hubLabel: 'Tout le département',
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Référence;Indicateur;Valeur;Part (%);Rapporté à;Du;Au;Territoire');
    expect(lines).toHaveLength(1 + planPauvreteIndicatorKeys.length);
    expect(lines[3]).toBe(
      '3.1.1;Nouveaux entrants orientés en 1 mois et moins;13383;56,5;Nouveaux entrants;2026-01-01;2026-03-31;Tout le département',
    );
    expect(lines).toContain(
      '3.1.2;Premiers rendez-vous fixés dans le délai de 2 semaines;0;;Premiers rendez-vous d’accompagnement fixés;2026-01-01;2026-03-31;Tout le département',
    );
    expect(lines).toContain(
      '3.2.2;Personnes accompagnées par binôme d’accompagnement global;72,3;;;2026-01-01;2026-03-31;Tout le département',
    );
    expect(lines.at(-1)).toBe(
      '3.2.2;Délai moyen de démarrage de l’accompagnement global (jours);;;;2026-01-01;2026-03-31;Tout le département',
    );
  });

  it('quotes a cell holding a semicolon and names the file after the period and pôle', () => {
    const csv = indicatorsCsv(figures, { from: '2026-01-01', to: '2026-03-31', hubLabel: 'Pôle A; B' });
    expect(csv).toContain(';"Pôle A; B"\r\n');
    expect(csvFileName({ from: '2026-01-01', to: '2026-03-31' })).toBe(
      'indicateurs-plan-pauvrete_2026-01-01_2026-03-31.csv',
    );
    expect(csvFileName({ from: '2026-01-01', to: '2026-03-31', hub: 'P13 01' })).toBe(
      'indicateurs-plan-pauvrete_2026-01-01_2026-03-31_P13-01.csv',
    );
  });
});
