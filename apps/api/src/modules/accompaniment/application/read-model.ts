import { sql } from 'kysely';
import { defineProjector } from '../../../platform/events';
import { orientationDecided } from '../../orientation';
import { appointmentChanged, contractSigned } from '../domain/events';
import { refreshAccompanimentReadModel } from '../infra/entry-spell-read-model';

export {
  refreshAccompanimentReadModel,
  releaseAccompanimentReadModel,
} from '../infra/entry-spell-read-model';

/**
 * The read model as a projector: an appointment booked, moved, cancelled or given an outcome, a
 * contract signed, an orientation decided (the initial orientation date may change) refresh the
 * person's entry spells in the fact's transaction; `projections rebuild` recomputes the
 * département (after the orientation's projector, registered first).
 */
export const accompanimentSpellProjector = defineProjector({
  name: 'accompaniment.entry-spells',
  description: 'premier rendez-vous d’accompagnement et premier contrat de chaque entrée',
  events: [appointmentChanged, contractSigned, orientationDecided],
  apply: (trx, event) => refreshAccompanimentReadModel(trx, event.departmentCode, [event.payload.personId]),
  rebuild: (db, departmentCode) =>
    db.transaction().execute(async (trx) => {
      const changed = await refreshAccompanimentReadModel(trx, departmentCode);
      const count = await trx
        .selectFrom('entry_spell')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('department_code', '=', departmentCode)
        .executeTakeFirstOrThrow();
      return { rows: Number(count.n), changed };
    }),
});
