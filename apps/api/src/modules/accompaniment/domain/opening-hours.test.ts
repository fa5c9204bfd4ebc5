import { DEFAULT_OPENING_HOURS, type OpeningHours, rangesFromText } from '@parcours/contracts';
import { describe, expect, it } from 'vitest';
import { parisInstant } from './agenda';
import { openingHoursRefusal } from './opening-hours';

const slot = (date: string, from: string, to: string) => ({
  startsAt: parisInstant(date, from)!,
  endsAt: parisInstant(date, to)!,
});
const closedWeekend = (): OpeningHours => {
  const week = rangesFromText('08:30-12:30, 13:30-17:30')!;
  return {
    monday: week,
    tuesday: week,
    wednesday: week,
    thursday: week,
    friday: week,
    saturday: [],
    sunday: [],
  };
};

describe('openingHoursRefusal', () => {
  it('refuses a slot at 03:00 with the default hours, and accepts office hours', () => {
    // 2026-03-10 is a Tuesday.
    const night = openingHoursRefusal(
      DEFAULT_OPENING_HOURS,
      slot('2026-03-10', '03:00', '03:30'),
      'par défaut',
    );
    expect(night).toBe(
      'Le créneau le 10/03/2026 de 03h00 à 03h30 sort des heures d’ouverture par défaut : le mardi, 08:00–18:00.',
    );
    expect(
      openingHoursRefusal(DEFAULT_OPENING_HOURS, slot('2026-03-10', '08:00', '18:00'), 'par défaut'),
    ).toBeNull();
    expect(
      openingHoursRefusal(DEFAULT_OPENING_HOURS, slot('2026-03-10', '17:30', '18:15'), 'par défaut'),
    ).not.toBeNull();
  });

  it('needs the slot inside one range: not across the lunch break', () => {
    const hours = closedWeekend();
    expect(openingHoursRefusal(hours, slot('2026-03-10', '09:00', '09:45'), 'du lieu')).toBeNull();
    expect(openingHoursRefusal(hours, slot('2026-03-10', '13:30', '17:30'), 'du lieu')).toBeNull();
    expect(openingHoursRefusal(hours, slot('2026-03-10', '12:00', '14:00'), 'du lieu')).toContain(
      'le mardi, 08:30–12:30, 13:30–17:30',
    );
    expect(openingHoursRefusal(hours, slot('2026-03-10', '08:00', '09:00'), 'du lieu')).not.toBeNull();
  });

  it('says a closed day is closed', () => {
    // 2026-03-14 is a Saturday.
    expect(openingHoursRefusal(closedWeekend(), slot('2026-03-14', '10:00', '11:00'), 'du lieu')).toBe(
      'Le créneau le 14/03/2026 de 10h00 à 11h00 tombe un samedi, jour de fermeture (heures d’ouverture du lieu).',
    );
  });

  it('refuses a slot that ends the next day', () => {
    const late = {
      startsAt: parisInstant('2026-03-10', '17:00')!,
      endsAt: parisInstant('2026-03-11', '09:00')!,
    };
    expect(openingHoursRefusal(DEFAULT_OPENING_HOURS, late, 'par défaut')).not.toBeNull();
  });

  it('uses Paris time, whatever the season', () => {
    // Summer time (UTC+2): 08:00 in Paris is 06:00 UTC.
    expect(
      openingHoursRefusal(DEFAULT_OPENING_HOURS, slot('2026-07-07', '08:00', '09:00'), 'par défaut'),
    ).toBeNull();
  });
});

describe('opening hours text', () => {
  it('reads ranges as the dialog writes them, and refuses the rest', () => {
    expect(rangesFromText('8h30-12h30; 13:30 – 17:30')).toEqual([
      { from: '08:30', to: '12:30' },
      { from: '13:30', to: '17:30' },
    ]);
    expect(rangesFromText('')).toEqual([]);
    expect(rangesFromText('fermé')).toEqual([]);
    expect(rangesFromText('le matin')).toBeNull();
  });
});
