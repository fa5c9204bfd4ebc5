import { describe, expect, it } from 'vitest';
import { EMAIL_INVALID, EMAIL_REQUIRED, loginRequestSchema } from './auth';
import { medicalReferralInputSchema } from './orientation';
import { calendarDate } from './scalars';

const emailIssue = (email: unknown) =>
  loginRequestSchema.safeParse({ email, password: 'x' }).error?.issues.find((i) => i.path[0] === 'email');

describe('emailSchema: required is not invalid', () => {
  it('says "obligatoire" for a missing, empty or blank address', () => {
    for (const email of [undefined, '', '   '])
      expect(emailIssue(email)?.message, String(email)).toBe(EMAIL_REQUIRED);
    expect(EMAIL_REQUIRED).toBe('L’adresse e-mail est obligatoire.');
  });

  it('says "invalide" for a malformed address or a value that is not text', () => {
    for (const email of ['marie', 'marie@', '@exemple.fr', 42])
      expect(emailIssue(email)?.message, String(email)).toBe(EMAIL_INVALID);
  });

  it('accepts a well-formed address, trimmed and lower-cased', () => {
    expect(loginRequestSchema.parse({ email: '  Marie.Curie@Exemple.FR ', password: 'x' }).email).toBe(
      'marie.curie@exemple.fr',
    );
  });
});

describe('other fields: a missing value is "obligatoire"', () => {
  it('says so for a date, and keeps "format" for malformed text', () => {
    expect(calendarDate.safeParse('').error?.issues[0]).toMatchObject({
      message: 'La date est obligatoire.',
      params: { code: 'date_required' },
    });
    expect(calendarDate.safeParse('12/03/2026').error?.issues[0]?.message).toBe(
      'Date attendue au format AAAA-MM-JJ.',
    );
  });

  it('says so for the reason of a medical request, and "trop court" for two letters', () => {
    const reason = (value: string) =>
      medicalReferralInputSchema.safeParse({ reason: value }).error?.issues[0]?.message;
    expect(reason('  ')).toBe('Le motif de la demande est obligatoire.');
    expect(reason('ab')).toBe('Le motif de la demande est trop court (3 caractères au moins).');
    expect(medicalReferralInputSchema.safeParse({ reason: 'Avis sur les actions compatibles' }).success).toBe(
      true,
    );
  });
});
