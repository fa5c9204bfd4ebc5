import {
  findTemplateProblems,
  renderTemplate,
  samplePlaceholderValues,
  smsLength,
  templateChannels,
  templateCodes,
} from '@parcours/contracts';
import { describe, expect, it } from 'vitest';
import { civility, defaultTemplates } from './defaults';

describe('template placeholders', () => {
  it('accepts every default template, for every channel of every code', () => {
    for (const code of templateCodes) {
      for (const channel of templateChannels[code]) {
        const t = defaultTemplates.find((d) => d.code === code && d.channel === channel);
        expect(t, `${code}/${channel}`).toBeDefined();
        expect(findTemplateProblems(code, channel, t!), `${code}/${channel}`).toEqual([]);
      }
    }
    // One default per declared code and channel, no other.
    expect(defaultTemplates).toHaveLength(
      templateCodes.reduce((n, code) => n + templateChannels[code].length, 0),
    );
  });

  it('names an unknown placeholder, in the field where it is', () => {
    const problems = findTemplateProblems('appointment_reminder', 'email', {
      subject: 'Rappel {{date_rdv}}',
      body: 'Bonjour {{prenom}}, votre parcours {{parcours}} commence.',
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'body' });
    expect(problems[0]!.message).toContain('{{parcours}}');
    expect(problems[0]!.message).toMatch(/n’existe pas/);
  });

  it('lists several unknown placeholders and checks the subject too', () => {
    const problems = findTemplateProblems('orientation_convocation', 'letter', {
      subject: 'Objet {{objet}}',
      body: '{{foo}} et {{ bar }} et {{foo}}',
    });
    expect(problems.map((p) => p.path)).toEqual(['subject', 'body']);
    expect(problems[0]!.message).toContain('{{objet}}');
    expect(problems[1]!.message).toContain('{{foo}}');
    expect(problems[1]!.message).toContain('{{bar}}');
  });

  it('refuses empty texts, a missing subject, a subject on an SMS and badly written braces', () => {
    expect(findTemplateProblems('appointment_reminder', 'sms', { subject: null, body: '  ' })).toEqual([
      { path: 'body', message: 'Le texte du message est obligatoire.' },
    ]);
    expect(
      findTemplateProblems('appointment_reminder', 'email', { subject: ' ', body: 'x' })[0],
    ).toMatchObject({
      path: 'subject',
    });
    expect(
      findTemplateProblems('appointment_reminder', 'sms', { subject: 'Objet', body: 'x' })[0],
    ).toMatchObject({
      path: 'subject',
    });
    const broken = findTemplateProblems('appointment_reminder', 'sms', {
      subject: null,
      body: 'Le {{date_rdv} à 9 h',
    });
    expect(broken).toHaveLength(1);
    expect(broken[0]!.message).toMatch(/mal écrite/);
    expect(
      findTemplateProblems('appointment_reminder', 'sms', { subject: null, body: 'Bonjour {nom}' }),
    ).toHaveLength(1);
  });

  it('renders values once, leaving no placeholder behind', () => {
    expect(
      renderTemplate('{{civilite}} {{ nom }}, le {{date_rdv}}', {
        civilite: 'Madame',
        nom: 'MARTIN',
        date_rdv: 'lundi',
      }),
    ).toBe('Madame MARTIN, le lundi');
    // A value that looks like a placeholder is not read again.
    expect(renderTemplate('{{nom}}', { nom: '{{prenom}}', prenom: 'x' })).toBe('{{prenom}}');
    expect(renderTemplate('a{{inconnu}}b', {})).toBe('ab');
    const sample = samplePlaceholderValues('orientation_decision');
    expect(sample.organisme).toBeTruthy();
  });
});

describe('SMS length', () => {
  it('counts GSM-7 characters, extended ones twice, and segments of 153 beyond 160', () => {
    expect(smsLength('Rendez-vous à 9 h, présence obligatoire.')).toMatchObject({
      encoding: 'GSM-7',
      segments: 1,
    });
    expect(smsLength('a'.repeat(160))).toMatchObject({ units: 160, segments: 1 });
    expect(smsLength('a'.repeat(161))).toMatchObject({ units: 161, segments: 2 });
    expect(smsLength('€')).toMatchObject({ units: 2, encoding: 'GSM-7' });
  });

  it('switches to UCS-2 for characters outside the GSM alphabet and says which', () => {
    const s = smsLength('Pôle d’insertion');
    expect(s.encoding).toBe('UCS-2');
    expect(s.nonGsm.sort()).toEqual(['ô', '’'].sort());
    expect(smsLength('ô'.repeat(71)).segments).toBe(2);
  });

  it('keeps the default SMS texts in the GSM alphabet (placeholders aside)', () => {
    for (const t of defaultTemplates.filter((d) => d.channel === 'sms')) {
      expect(smsLength(t.body.replace(/\{\{[^}]*\}\}/g, '')).nonGsm).toEqual([]);
    }
  });
});

describe('civility', () => {
  it('reads the CAF title first, then the sex', () => {
    expect(civility('MR', 'F')).toBe('Monsieur');
    expect(civility('MME', 'M')).toBe('Madame');
    expect(civility(null, 'M')).toBe('Monsieur');
    expect(civility(null, 'F')).toBe('Madame');
  });
});
