import { api, type contractTransitionSchema } from '@parcours/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { addCalendarDays } from '../src/modules/accompaniment/domain/agenda';
import { parisToday } from '../src/platform/time';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import { createTestPerson } from './support/messaging-fixtures';
import { attachDemoBeneficiary, contractSignedByReferent } from './support/space-fixtures';

/*
 * Issue 14, point 1: the person's refusal to sign the contract (or its amendment) is a dated fact
 * noted on the contract, from which the failure « refus d’élaborer ou d’actualiser le contrat » is
 * detected — until the person signs a version after it. Bad notes are refused, nothing changed.
 */
describe.each(engines)('refusal of the contract, detected as a failure (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let ep: Client;
  let referent: Client;
  const today = parisToday();

  beforeAll(async () => {
    app = await startTestApp(engine);
    ep = await loggedIn(app, 'ep@parcours.test');
    referent = await loggedIn(app, 'referent@parcours.test');
  });
  afterAll(async () => {
    await app?.close();
  });

  const refusals = async () =>
    (await app.ctx.db.selectFrom('contract_refusal').select('id').execute()).length;
  const detectedOf = async (personId: string) => {
    const res = await ep.call(api.sanctionCases.ofPerson, { params: { id: personId } });
    expect(res.status, res.text).toBe(200);
    return res.body.detected;
  };
  type Move = z.input<typeof contractTransitionSchema>;
  const move = (id: string, body: Move) => referent.call(api.contracts.transition, { params: { id }, body });
  const get = async (id: string) => {
    const res = await referent.call(api.contracts.get, { params: { id } });
    expect(res.status, res.text).toBe(200);
    return res.body;
  };

  it('notes a refusal on the proposed contract, proposes it as a failure, records it once', async () => {
    const personId = await createTestPerson(app, { firstName: 'Rémi', lastName: 'Refus' });
    await attachDemoBeneficiary(app, personId);
    const { contractId } = await contractSignedByReferent(app, personId, 'Suivre la formation.');
    let contract = await get(contractId);
    const before = await refusals();

    // Refusals the rules do not allow: with an end, in the future, before the proposal.
    const badMove = await move(contractId, {
      to: 'ended',
      version: contract.version,
      reason: 'x',
      refusal: { refusedOn: today, statement: 'Non.' },
    });
    expect(badMove.status).toBe(400);
    expect(badMove.text).toContain('brouillon ou en l’annulant');
    const future = await move(contractId, {
      to: 'draft',
      version: contract.version,
      refusal: { refusedOn: addCalendarDays(today, 1), statement: 'Non.' },
    });
    expect(future.status).toBe(400);
    expect(future.error?.fields?.[0]?.path).toContain('refusedOn');
    const early = await move(contractId, {
      to: 'draft',
      version: contract.version,
      refusal: { refusedOn: addCalendarDays(today, -3), statement: 'Non.' },
    });
    expect(early.status).toBe(400);
    expect(early.text).toContain('entre la proposition');
    const impossible = await move(contractId, {
      to: 'draft',
      version: contract.version,
      refusal: { refusedOn: '2026-02-30', statement: 'Non.' },
    });
    expect(impossible.status).toBe(400);
    const silent = await move(contractId, {
      to: 'draft',
      version: contract.version,
      refusal: { refusedOn: today, statement: '  ' },
    });
    expect(silent.status).toBe(400);
    expect(await refusals()).toBe(before);
    expect((await get(contractId)).status).toBe('proposed');

    // The refusal, noted: back to draft, on the contract, on the timeline, in the audit trail.
    const noted = await move(contractId, {
      to: 'draft',
      version: contract.version,
      refusal: { refusedOn: today, statement: 'Ne veut pas s’engager sur une formation.' },
    });
    expect(noted.status, noted.text).toBe(200);
    expect(noted.body.status).toBe('draft');
    expect(noted.body.refusals).toEqual([
      {
        versionNumber: 1,
        amendment: false,
        refusedOn: today,
        statement: 'Ne veut pas s’engager sur une formation.',
      },
    ]);
    const line = await app.ctx.db
      .selectFrom('timeline_event')
      .select('data')
      .where('person_id', '=', personId)
      .where('type', '=', 'contract_step')
      .execute();
    expect(line.some((l) => (l.data as { personRefused?: boolean }).personRefused === true)).toBe(true);
    const trace = await app.ctx.db
      .selectFrom('audit_event')
      .select('details')
      .where('person_id', '=', personId)
      .where('action', '=', 'contract.back_to_draft')
      .executeTakeFirstOrThrow();
    expect(trace.details).toMatchObject({ personRefused: true, refusedOn: today });
    // A draft cannot be refused: nothing was proposed to sign.
    contract = await get(contractId);
    const again = await move(contractId, {
      to: 'cancelled',
      version: contract.version,
      reason: 'x',
      refusal: { refusedOn: today, statement: 'Non.' },
    });
    expect(again.status).toBe(409);
    expect(await refusals()).toBe(before + 1);

    // « Droits et devoirs »: the refusal is proposed, in the pôle's queue too.
    const detected = await detectedOf(personId);
    expect(detected).toHaveLength(1);
    expect(detected[0]).toMatchObject({ kind: 'contract_refusal', factsDate: today, appointmentId: null });
    expect(detected[0]!.detail).toContain('Refus de signer le contrat d’engagement proposé (version 1)');
    const queue = await ep.call(api.sanctionCases.failureQueue, { query: {} });
    expect(queue.body.items.find((i) => i.personId === personId)?.detected.map((d) => d.kind)).toEqual([
      'contract_refusal',
    ]);

    // Recorded from the fact (its date, not the one sent), once.
    const failure = await ep.call(api.sanctionCases.recordFailure, {
      params: { id: personId },
      body: {
        kind: 'contract_refusal',
        factsDate: addCalendarDays(today, -10),
        contractRefusalId: detected[0]!.contractRefusalId,
      },
    });
    expect(failure.status, failure.text).toBe(201);
    expect(failure.body).toMatchObject({ kind: 'contract_refusal', origin: 'detected', factsDate: today });
    const twice = await ep.call(api.sanctionCases.recordFailure, {
      params: { id: personId },
      body: { kind: 'contract_refusal', factsDate: today, contractRefusalId: detected[0]!.contractRefusalId },
    });
    expect(twice.status).toBe(400);
    expect(twice.error?.fields?.[0]?.code).toBe('contract_refusal_not_found');
    expect(await detectedOf(personId)).toEqual([]);
    // Without a noted refusal it stays a référent's report, with its facts.
    const reported = await ep.call(api.sanctionCases.recordFailure, {
      params: { id: personId },
      body: { kind: 'contract_refusal', factsDate: today },
    });
    expect(reported.status).toBe(400);
    expect(reported.text).toContain('Décrivez les faits');
  });

  it('no longer proposes a refusal the person made good by signing, and names a refused amendment', async () => {
    const personId = await createTestPerson(app, { firstName: 'Anna', lastName: 'Avenant' });
    await attachDemoBeneficiary(app, personId);
    const { contractId } = await contractSignedByReferent(app, personId, 'Chercher un emploi.');
    let contract = await get(contractId);
    const noted = await move(contractId, {
      to: 'draft',
      version: contract.version,
      refusal: { refusedOn: today, statement: 'Pas maintenant.' },
    });
    expect(noted.status, noted.text).toBe(200);
    expect((await detectedOf(personId)).map((d) => d.kind)).toEqual(['contract_refusal']);

    // Proposed again, signed by both: the person complied, the refusal is no longer a failure to record.
    contract = noted.body;
    const proposed = await move(contractId, { to: 'proposed', version: contract.version });
    expect(proposed.status, proposed.text).toBe(200);
    const v = proposed.body.versions[0]!;
    for (const party of ['agent', 'person_on_screen'] as const) {
      contract = await get(contractId);
      const signed = await referent.call(api.contracts.sign, {
        params: { id: contractId },
        body: {
          party,
          versionNumber: v.number,
          contentHash: v.contentHash!,
          statementAccepted: party === 'person_on_screen',
          version: contract.version,
        },
      });
      expect(signed.status, signed.text).toBe(200);
    }
    expect((await get(contractId)).status).toBe('in_force');
    expect(await detectedOf(personId)).toEqual([]);

    // An amendment proposed and refused: a refusal to update the contract, which stays in force.
    const amended = await referent.call(api.contracts.amend, { params: { id: contractId } });
    expect(amended.status, amended.text).toBe(201);
    const proposal = await move(contractId, { to: 'proposed', version: amended.body.version });
    expect(proposal.status, proposal.text).toBe(200);
    const refused = await move(contractId, {
      to: 'draft',
      version: proposal.body.version,
      refusal: { refusedOn: today, statement: 'Refuse l’avenant.' },
    });
    expect(refused.status, refused.text).toBe(200);
    expect(refused.body.status).toBe('in_force');
    expect(refused.body.refusals.at(-1)).toMatchObject({ versionNumber: 2, amendment: true });
    const detected = await detectedOf(personId);
    expect(detected).toHaveLength(1);
    expect(detected[0]!.detail).toContain('Refus de signer l’avenant au contrat d’engagement (version 2)');
  });
});
