import { describe, expect, it } from 'vitest';
import { templateSmsLength } from './messaging';
import { smsLength } from './sms';

describe('smsLength', () => {
  it('counts a pure GSM-7 text: 160 in one SMS, 161 in two parts of 153', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1, nonGsm: [] });
    expect(smsLength('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(smsLength('a'.repeat(306)).segments).toBe(2);
    expect(smsLength('a'.repeat(307)).segments).toBe(3);
  });

  it('counts the extension table characters twice, still in GSM-7', () => {
    expect(smsLength('€')).toMatchObject({ encoding: 'GSM-7', units: 2 });
    expect(smsLength('[a]{b}')).toMatchObject({ encoding: 'GSM-7', units: 10 });
    // 159 + "€" = 161 units: two parts.
    expect(smsLength(`${'a'.repeat(159)}€`)).toMatchObject({ units: 161, segments: 2 });
  });

  it('keeps the accented letters of the GSM 03.38 basic set in GSM-7', () => {
    expect(smsLength('éèùìòÇØøÅåÄÖÑÜ§¿äöñüà')).toMatchObject({ encoding: 'GSM-7', units: 21 });
  });

  it('switches to UCS-2 for ô ê â î û ç, 70 in one SMS, parts of 67 beyond', () => {
    for (const ch of ['ô', 'ê', 'â', 'î', 'û', 'ç', '’']) {
      expect(smsLength(ch)).toMatchObject({ encoding: 'UCS-2', nonGsm: [ch] });
    }
    expect(smsLength(`ô${'a'.repeat(69)}`)).toMatchObject({ units: 70, segments: 1 });
    expect(smsLength(`ô${'a'.repeat(70)}`)).toMatchObject({ units: 71, segments: 2 });
    expect(smsLength(`ô${'a'.repeat(133)}`).segments).toBe(2);
    expect(smsLength(`ô${'a'.repeat(134)}`).segments).toBe(3);
  });

  it('counts 268 units with one non-GSM character in four parts of 67', () => {
    expect(smsLength(`ô${'a'.repeat(267)}`)).toMatchObject({ encoding: 'UCS-2', units: 268, segments: 4 });
  });
});

describe('templateSmsLength', () => {
  const body =
    'Rappel RSA {{departement}} : {{civilite}} {{nom}}, rendez-vous le {{date_rdv}} à {{heure_rdv}}.';

  it('counts the text as sent, placeholders filled: a « ô » from {{departement}} forces UCS-2', () => {
    const raw = smsLength(body);
    expect(raw.encoding).toBe('GSM-7');
    const sent = templateSmsLength('appointment_reminder', body, 'Bouches-du-Rhône');
    expect(sent.encoding).toBe('UCS-2');
    expect(sent.nonGsm).toEqual(['ô']);
    expect(sent.units).toBe(
      'Rappel RSA Bouches-du-Rhône : Madame EXEMPLE, rendez-vous le mardi 10 mars 2026 à 9 h 30.'.length,
    );
    expect(templateSmsLength('appointment_reminder', body, 'Gironde').encoding).toBe('GSM-7');
  });

  it("gives the issue's case: « 268 caractères — 2 SMS » unfilled, 5 SMS once sent", () => {
    const convocation =
      "RSA {{departement}} : {{civilite}} {{nom}}, vous avez rendez-vous pour votre orientation le {{date_rdv}} à {{heure_rdv}}, {{lieu_rdv}}. Présence obligatoire. Apportez une pièce d'identité. Si vous ne pouvez pas venir, prévenez votre conseiller.";
    expect(smsLength(convocation)).toMatchObject({ encoding: 'GSM-7', units: 268, segments: 2 });
    expect(templateSmsLength('orientation_convocation', convocation, 'Bouches-du-Rhône')).toMatchObject({
      encoding: 'UCS-2',
      segments: 5,
    });
  });
});
