import {
  actionSessionWorkflow,
  aidWorkflow,
  appointmentWorkflow,
  cafLineWorkflow,
  contractVersionWorkflow,
  engagementContractWorkflow,
  epSessionWorkflow,
  failureWorkflow,
  immersionWorkflow,
  medicalReferralWorkflow,
  messageBatchWorkflow,
  messageWorkflow,
  referralWorkflow,
  roles,
  sanctionCaseWorkflow,
  sasEnrolmentWorkflow,
  transitionRefusal,
  type Workflow,
  type WorkflowActor,
} from '@parcours/contracts';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import type { Database } from '../src/platform/db/schema';
import { DomainError } from '../src/platform/errors';
import { transition, type WorkflowTable } from '../src/platform/workflow/transition';
import { engines, startTestApp } from './support/harness';
import { createTestAppointment, createTestPerson, parisTimeInDays } from './support/messaging-fixtures';
import { seedFailure } from './support/sanction-fixtures';
import { seedSasWorkflowRow } from './support/sas-fixtures';

/*
 * Generated from the workflow tables: for every (from, to, actor) the real database, through
 * `transition()`, accepts exactly what the table allows — the status and version move and one
 * audit trace is written — and refuses the rest as the table says (forbidden → 403, conflict →
 * 409), leaving the row untouched. A new edge the database or the kit refuses fails here.
 */

const actors: WorkflowActor[] = [...roles, 'system'];
// A marker code only this test writes (not a real action, hence the cast).
const ACTION = 'workflow.generated_test' as import('@parcours/contracts').AuditAction;

type Seed = (app: RunningApp, personId: string, status: string) => Promise<string>;

async function hubId(db: Kysely<Database>) {
  const hub = await db
    .selectFrom('insertion_hub')
    .select('id')
    .where('code', '=', 'marseille-2-3')
    .executeTakeFirstOrThrow();
  return hub.id;
}

const tables: { workflow: Workflow; table: WorkflowTable; seed: Seed }[] = [
  {
    workflow: appointmentWorkflow,
    table: 'appointment',
    seed: (app, personId, status) =>
      createTestAppointment(app, personId, parisTimeInDays(-1, 10, 0), { status }),
  },
  {
    workflow: medicalReferralWorkflow,
    table: 'medical_referral',
    seed: async (app, personId, status) => {
      const row = await app.ctx.db
        .insertInto('medical_referral')
        .values({
          department_code: '13',
          person_id: personId,
          hub_id: await hubId(app.ctx.db),
          structure_id: null,
          requested_by: null,
          requested_on: '2026-01-05',
          request_reason: 'Test du cycle de vie',
          status: status as Database['medical_referral']['status'],
          compatible_actions: null,
          care_pathway_advised: null,
          recommendation: null,
          recommended_on: null,
          recommended_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  },
  {
    workflow: messageWorkflow,
    table: 'message',
    seed: async (app, personId, status) => {
      const row = await app.ctx.db
        .insertInto('message')
        .values({
          department_code: '13',
          person_id: personId,
          kind: 'convocation',
          channel: 'email',
          template_code: 'orientation_convocation',
          appointment_id: null,
          orientation_id: null,
          batch_id: null,
          recipient: 'cycle.de.vie@example.test',
          subject: 'Test',
          body: 'Test du cycle de vie',
          status: status as Database['message']['status'],
          provider_message_id: null,
          last_error: null,
          created_by: null,
          sent_at: null,
          delivered_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  },
  {
    workflow: messageBatchWorkflow,
    table: 'message_batch',
    seed: async (app, _personId, status) => {
      const row = await app.ctx.db
        .insertInto('message_batch')
        .values({
          department_code: '13',
          kind: 'convocation',
          person_count: 0,
          created_by: null,
          status: status as 'prepared' | 'posted',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  },
  {
    workflow: referralWorkflow,
    table: 'referral',
    seed: async (app, personId, status) => {
      const action = await app.ctx.db
        .insertInto('insertion_action')
        .values({
          department_code: '13',
          code: `WF-${status}`,
          title: 'Cycle de vie',
          axis: 3,
          kind: 'socle',
          status: 'nouvelle',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const row = await app.ctx.db
        .insertInto('referral')
        .values({
          department_code: '13',
          person_id: personId,
          action_id: action.id,
          session_id: null,
          status,
          referring_structure_id: null,
          referred_by: null,
          contract_id: null,
          message: null,
          weekly_hours: null,
          sent_on: '2026-01-05',
          cancel_reason: null,
          plan_step_id: null,
          closed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  },
  {
    workflow: engagementContractWorkflow,
    table: 'engagement_contract',
    seed: (app, personId, status) => seedContract(app, personId, status),
  },
  {
    workflow: contractVersionWorkflow,
    table: 'engagement_contract_version',
    seed: async (app, personId, status) => {
      const contractId = await seedContract(app, personId, 'draft');
      const row = await app.ctx.db
        .insertInto('engagement_contract_version')
        .values({ department_code: '13', contract_id: contractId, number: 1, status, content: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  },
  {
    workflow: immersionWorkflow,
    table: 'immersion',
    seed: async (app, personId, status) => {
      const structure = await app.ctx.db
        .selectFrom('structure')
        .select('id')
        .where('department_code', '=', '13')
        .executeTakeFirstOrThrow();
      const row = await app.ctx.db
        .insertInto('immersion')
        .values({
          department_code: '13',
          person_id: personId,
          structure_id: structure.id,
          created_by: null,
          contract_id: null,
          renewal_of: null,
          status,
          host_name: 'Cycle de vie',
          host_siret: '73282932000074',
          host_address: 'Adresse',
          tutor_name: 'Tuteur',
          tutor_function: 'Fonction',
          tutor_email: 'tuteur@example.test',
          tutor_phone: '0491000000',
          objective: 'discover',
          rome_code: 'D1102',
          job_label: 'Boulanger',
          start_date: '2026-01-05',
          end_date: '2026-01-09',
          schedule: '[]',
          weekly_hours: 0,
          place: 'Lieu',
          tasks: 'Tâches',
          risks: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  },
  {
    workflow: aidWorkflow,
    table: 'individual_aid',
    seed: async (app, personId, status) => {
      const row = await app.ctx.db
        .insertInto('individual_aid')
        .values({
          department_code: '13',
          person_id: personId,
          contract_id: await seedContract(app, personId, 'in_force'),
          hub_id: await hubId(app.ctx.db),
          kind: 'travel',
          amount_cents: 1_000,
          purpose: 'Cycle de vie',
          payee_kind: 'person',
          payee_label: 'DEVIE Cycle',
          requested_on: '2026-01-05',
          status,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  },
  {
    workflow: actionSessionWorkflow,
    table: 'action_session',
    seed: async (app, _personId, status) => {
      const action = await app.ctx.db
        .insertInto('insertion_action')
        .values({
          department_code: '13',
          code: `WFS-${crypto.randomUUID().slice(0, 8)}`,
          title: 'Cycle de vie des sessions',
          axis: 3,
          kind: 'socle',
          status: 'nouvelle',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const row = await app.ctx.db
        .insertInto('action_session')
        .values({
          department_code: '13',
          action_id: action.id,
          label: 'Session du cycle de vie',
          starts_on: '2026-01-05',
          ends_on: '2026-03-27',
          capacity: 8,
          status,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  },
  {
    workflow: failureWorkflow,
    table: 'sanction_failure',
    seed: (app, personId, status) => seedFailure(app, personId, status),
  },
  {
    workflow: sanctionCaseWorkflow,
    table: 'sanction_case',
    seed: async (app, personId, status) => {
      const failure = await app.ctx.db
        .insertInto('sanction_failure')
        .values({
          department_code: '13',
          person_id: personId,
          kind: 'obligations_not_met',
          origin: 'reported',
          facts_date: '2026-01-05',
          facts_end_date: null,
          appointment_id: null,
          orientation_id: null,
          facts: 'Cycle de vie',
          reported_by: null,
          status: 'in_case',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const row = await app.ctx.db
        .insertInto('sanction_case')
        .values({
          department_code: '13',
          person_id: personId,
          failure_id: failure.id,
          status,
          regime: 'suspension_remobilisation_2025',
          rule_set_from: '2025-06-01',
          facts_date: '2026-01-05',
          repeat: 1,
          household_persons: 1,
          opened_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  },
  {
    workflow: epSessionWorkflow,
    table: 'ep_session',
    seed: async (app, _personId, status) => {
      const row = await app.ctx.db
        .insertInto('ep_session')
        .values({
          department_code: '13',
          hub_id: await hubId(app.ctx.db),
          session_date: '2026-01-05',
          start_time: '09:30',
          place: 'Cycle de vie',
          status,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  },
  {
    workflow: sasEnrolmentWorkflow,
    table: 'sas_enrolment',
    seed: (app, _personId, status) => seedSasWorkflowRow(app, status),
  },
  {
    workflow: cafLineWorkflow,
    table: 'caf_transmission_line',
    seed: async (app, personId, status) => {
      const row = await app.ctx.db
        .insertInto('caf_transmission_line')
        .values({
          department_code: '13',
          person_id: personId,
          kind: 'sanction_start',
          effective_on: '2026-01-05',
          percent: 50,
          months: 2,
          status,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  },
];

/** A contract of engagement in a status (no overlap rule here: the table alone is walked). */
async function seedContract(app: RunningApp, personId: string, status: string) {
  const row = await app.ctx.db
    .insertInto('engagement_contract')
    .values({
      department_code: '13',
      person_id: personId,
      signed_on: null,
      start_date: '2026-01-05',
      end_date: '2026-07-04',
      weekly_hours: 15,
      hours_regime: 'standard',
      source: 'parcours',
      status,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe.each(engines)('workflow tables, walked against the database (%s)', (engine) => {
  let app: RunningApp;
  let personId: string;
  const accountOf = new Map<WorkflowActor, string>();

  beforeAll(async () => {
    app = await startTestApp(engine);
    personId = await createTestPerson(app, { firstName: 'Cycle', lastName: 'DEVIE' });
    const accounts = await app.ctx.db
      .selectFrom('account')
      .select(['id', 'role'])
      .where('department_code', '=', '13')
      .execute();
    for (const a of accounts)
      if (!accountOf.has(a.role as WorkflowActor)) accountOf.set(a.role as WorkflowActor, a.id);
  });

  for (const { workflow, table, seed } of tables) {
    it(`${workflow.name}: every (from, to, actor) succeeds exactly when the table allows it`, async () => {
      // The table is chosen at run time; every workflow table has these columns.
      const db = app.ctx.db as unknown as Kysely<{
        wf: { id: string; status: string; version: number };
        audit_event: Database['audit_event'];
      }>;
      const t = table as unknown as 'wf';
      const read = (id: string) =>
        db.selectFrom(t).select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
      const traces = async (id: string) =>
        Number(
          (
            await db
              .selectFrom('audit_event')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('action', '=', ACTION)
              .where('target_id', '=', id)
              .executeTakeFirstOrThrow()
          ).n,
        );

      const mismatches: string[] = [];
      let allowed = 0;
      for (const from of workflow.statuses) {
        const id = await seed(app, personId, from);
        for (const to of workflow.statuses) {
          for (const actor of actors) {
            const edge = `${from} → ${to} by ${actor}`;
            const expected = transitionRefusal(workflow, from, to, actor);
            const before = await read(id);
            const tracesBefore = await traces(id);
            let error: unknown = null;
            try {
              await app.ctx.db.transaction().execute((trx) =>
                transition(trx, {
                  workflow,
                  table,
                  id,
                  to,
                  actor: { accountId: accountOf.get(actor) ?? null, role: actor, departmentCode: '13' },
                  request: null,
                  version: before.version,
                  notFoundLabel: 'Fiche',
                  audit: () => ({ action: ACTION, targetType: table, targetId: id, details: { from, to } }),
                }),
              );
            } catch (e) {
              error = e;
            }
            const after = await read(id);
            const tracesAfter = await traces(id);
            if (expected === null) {
              allowed++;
              if (error) mismatches.push(`${edge}: allowed by the table, refused (${String(error)})`);
              else if (after.status !== to || after.version !== before.version + 1)
                mismatches.push(`${edge}: row is ${after.status} v${after.version}`);
              else if (tracesAfter !== tracesBefore + 1)
                mismatches.push(`${edge}: ${tracesAfter - tracesBefore} audit traces instead of 1`);
              // Back to the source status for the next combination.
              await db.updateTable(t).set({ status: from }).where('id', '=', id).execute();
            } else {
              const kind = error instanceof DomainError ? error.kind : String(error);
              if (kind !== expected.kind) mismatches.push(`${edge}: ${expected.kind} expected, got ${kind}`);
              if (after.status !== before.status || after.version !== before.version)
                mismatches.push(`${edge}: refused but the row moved to ${after.status} v${after.version}`);
              if (tracesAfter !== tracesBefore) mismatches.push(`${edge}: refused but traced`);
            }
          }
        }
      }
      expect(mismatches).toEqual([]);
      // The walk covered the table: at least one allowed edge per rule.
      expect(allowed).toBeGreaterThanOrEqual(Object.keys(workflow.transitions).length);
    });
  }
});
