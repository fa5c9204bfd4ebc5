import { type EndReason, sanctionCaseWorkflow } from '@parcours/contracts';
import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import type { PublishedEvent } from '../../../platform/events';
import { parisDate } from '../../../platform/time';
import { transitionIfAllowed } from '../../../platform/workflow/transition';
import type { AppointmentChanged, ContractSigned } from '../../accompaniment';
import { queueCafLine } from './caf-lines';
import { sanctionRegimeOn } from './sanction-rules';

/**
 * Remobilisation detected from the facts (RULES.md, regime of 1 June 2025): a suspension "ends as
 * soon as the person complies". When the person signs a contract or is seen at an appointment on or
 * after the decision, every notified suspension of a regime that suspends rather than removes at
 * its term ends that day, in the fact's transaction, with its line for the CAF. The earlier regime
 * (removal at the end of the suspension) is left to the agent.
 */
async function remobilise(
  trx: Transaction<Database>,
  departmentCode: string,
  personId: string,
  on: string,
  reason: EndReason,
  fact: Record<string, unknown>,
): Promise<void> {
  const cases = await trx
    .selectFrom('sanction_case')
    .select(['id', 'facts_date', 'decided_on', 'notified_on'])
    .where('department_code', '=', departmentCode)
    .where('person_id', '=', personId)
    .where('status', '=', 'notified')
    .where('decision_kind', '=', 'sanction')
    .execute();
  for (const c of cases) {
    const decidedOn = String(c.decided_on).slice(0, 10);
    if (on < decidedOn) continue;
    const regime = await sanctionRegimeOn(trx, departmentCode, String(c.facts_date).slice(0, 10));
    if (regime.removalAtEndOfSuspension) continue;
    const notifiedOn = String(c.notified_on).slice(0, 10);
    await endSuspensionBySystem(
      trx,
      departmentCode,
      personId,
      c.id,
      on < notifiedOn ? notifiedOn : on,
      reason,
      fact,
    );
  }
}

/**
 * Ends one notified suspension as the system (no agent): the move, its line for the CAF, audit and
 * timeline, in the caller's transaction. A case moved meanwhile by an agent is left as it is.
 */
export async function endSuspensionBySystem(
  trx: Transaction<Database>,
  departmentCode: string,
  personId: string,
  caseId: string,
  endedOn: string,
  reason: EndReason,
  fact: Record<string, unknown>,
): Promise<void> {
  const data = { endedOn, reason, detected: true, ...fact };
  await transitionIfAllowed(trx, {
    workflow: sanctionCaseWorkflow,
    table: 'sanction_case',
    id: caseId,
    to: 'ended',
    actor: { accountId: null, role: 'system', departmentCode },
    request: null,
    notFoundLabel: 'Procédure de sanction',
    set: () => ({ ended_on: endedOn, end_reason: reason, updated_at: new Date() }),
    after: async (row) => {
      await queueCafLine(trx, {
        departmentCode,
        personId,
        kind: 'sanction_end',
        effectiveOn: endedOn,
        caseId: row.id,
        percent: row.percent,
        months: row.months,
        endReason: reason,
      });
    },
    audit: () => ({
      action: 'sanction.ended',
      personId,
      targetType: 'sanction_case',
      targetId: caseId,
      details: { from: 'notified', to: 'ended', ...data },
    }),
    timeline: () => ({
      departmentCode,
      personId,
      occurredOn: endedOn,
      type: 'sanction_ended',
      data,
      actorAccountId: null,
    }),
  });
}

/** A contract signed (first signature or amendment): the person complies. */
export async function remobiliseOnContract(
  trx: Transaction<Database>,
  event: PublishedEvent<ContractSigned>,
): Promise<void> {
  const p = event.payload;
  await remobilise(trx, event.departmentCode, p.personId, p.signedOn, 'remobilisation_contract', {
    contractId: p.contractId,
  });
}

/** An appointment honoured (the person was seen): the person complies. */
export async function remobiliseOnAppointment(
  trx: Transaction<Database>,
  event: PublishedEvent<AppointmentChanged>,
): Promise<void> {
  const p = event.payload;
  if (p.status !== 'seen') return;
  const appointment = await trx
    .selectFrom('appointment')
    .select(['on_date', 'starts_at'])
    .where('id', '=', p.appointmentId)
    .executeTakeFirst();
  if (!appointment) return;
  const on = appointment.starts_at
    ? parisDate(new Date(appointment.starts_at))
    : String(appointment.on_date).slice(0, 10);
  await remobilise(trx, event.departmentCode, p.personId, on, 'remobilisation_appointment', {
    appointmentId: p.appointmentId,
  });
}
