import { type SanctionBoundsQuery, sanctionBoundsQuerySchema } from '@parcours/contracts';
import { invalidFields } from '../../../platform/errors';
import type { SanctionSituation } from '../domain/sanction-rules';

/** The command line's name of each field, for the messages. */
const optionOf: Record<string, string> = {
  factsDate: '--facts-date',
  householdPersons: '--household-persons',
  singleParentIncrease: '--single-parent-increase',
  repeat: '--repeat',
};

/** The facts' date and situation of `rules sanction`, checked; refusals in French, by option. */
export function parseSanctionBoundsQuery(input: Partial<SanctionBoundsQuery>): {
  factsDate: string;
  situation: SanctionSituation;
} {
  const parsed = sanctionBoundsQuerySchema.safeParse(input);
  if (!parsed.success)
    throw invalidFields(
      parsed.error.issues.map((i) => {
        const key = String(i.path[0] ?? '');
        return { path: optionOf[key] ?? key, code: 'invalid', message: i.message };
      }),
      'Situation invalide : corrigez les options ci-dessous.',
    );
  const q = parsed.data;
  return {
    factsDate: q.factsDate,
    situation: {
      householdPersons: q.householdPersons,
      singleParentIncrease: q.singleParentIncrease === 'yes',
      repeat: q.repeat === '2' ? 2 : 1,
    },
  };
}
