import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../lib/api';
import { errorsFromApi } from '../../lib/forms';
import { contractApiError } from './api-errors';
import { contractFieldNames } from './draft';

describe('refusals of a contract', () => {
  it('land under the editor’s fields, whether the server names them from the body or the content', () => {
    const refused = new ApiRequestError(400, 'VALIDATION', 'Le contrat n’a pas été proposé.', [
      {
        path: 'content.plan.0.endDate',
        code: 'invalid',
        message: 'La fin de l’étape doit être dans les dates du contrat.',
      },
      { path: 'plan.1.weeklyHours', code: 'invalid', message: 'Heures par semaine : 60 au maximum.' },
      { path: 'body.content.hoursRegime', code: 'under_minimum', message: 'Sous 15 h.' },
      { path: 'version', code: 'invalid', message: 'Version invalide.' },
    ]);
    const state = errorsFromApi(contractApiError(refused), contractFieldNames(2));
    expect(state.fields).toEqual({
      'content.plan.0.endDate': 'La fin de l’étape doit être dans les dates du contrat.',
      'content.plan.1.weeklyHours': 'Heures par semaine : 60 au maximum.',
      'content.hoursRegime': 'Sous 15 h.',
    });
    // A field the form does not show goes to the banner, in words.
    expect(state.message).toBe('Le contrat n’a pas été proposé. Version invalide.');
  });

  it('leave other errors as they are (a version conflict stays one)', () => {
    const conflict = new ApiRequestError(409, 'CONFLICT', 'Modifié entre-temps.');
    expect(contractApiError(conflict)).toBe(conflict);
    const network = new Error('réseau');
    expect(contractApiError(network)).toBe(network);
  });
});
