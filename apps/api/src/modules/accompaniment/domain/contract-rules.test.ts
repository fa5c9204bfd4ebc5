import { type ContractContent, contractContentSchema } from '@parcours/contracts';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  contractContentHash,
  dateErrors,
  householdProposal,
  minimumWeeklyHoursOn,
  type OtherContract,
  overlapErrors,
  proposalErrors,
} from './contract-rules';

const OBJ = 'choisir_un_metier.confirmer_son_choix_de_metier';
const content = (over: Partial<ContractContent> = {}): ContractContent =>
  contractContentSchema.parse({
    startDate: '2026-01-05',
    endDate: '2026-07-04',
    bodyCommitments: 'Un rendez-vous par mois avec le référent.',
    personCommitments: 'Suivre les étapes du plan.',
    hoursRegime: 'standard',
    plan: [
      {
        objectiveId: OBJ,
        kind: 'training',
        label: 'Formation',
        weeklyHours: 12,
        startDate: '2026-01-05',
        endDate: '2026-07-04',
      },
      {
        objectiveId: OBJ,
        kind: 'workshop',
        label: 'Atelier CV',
        weeklyHours: 6,
        startDate: '2026-01-05',
        endDate: '2026-07-04',
      },
    ],
    ...over,
  });
const ctx = { objectiveIds: new Set([OBJ]), minimumWeeklyHours: 15, childrenUnder12: 0 };
const paths = (errors: { path: string }[]) => errors.map((e) => e.path);

describe('canonical JSON and the content hash', () => {
  it('sorts keys at every level and drops undefined, whatever the order written', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: null }], c: 'é' }, u: undefined })).toBe(
      '{"a":{"c":"é","d":[1,{"x":null,"y":2}]},"b":1}',
    );
    expect(canonicalJson({ z: 1, a: 2 })).toBe(canonicalJson({ a: 2, z: 1 }));
  });

  it('refuses numbers JSON cannot say', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
  });

  const base = { contractId: '8f0c3c36-6a53-4bd5-a2c2-5a0f4b0e3d11', versionNumber: 1 };
  it('is the same for the same content, stored in another key order or with hours as text', () => {
    const c = content();
    const h1 = contractContentHash({ ...base, content: c, plan: c.plan });
    const reordered = JSON.parse(
      JSON.stringify({ ...c, hoursRegime: c.hoursRegime, startDate: c.startDate }),
    );
    const h2 = contractContentHash({
      ...base,
      content: reordered,
      plan: c.plan.map((s) => ({ ...s, weeklyHours: Number(String(s.weeklyHours)) })),
    });
    expect(h1).toMatch(/^[0-9a-f]{64}$/);
    expect(h2).toBe(h1);
  });

  it('changes with any word, hour, step order, version or contract', () => {
    const c = content();
    const h = contractContentHash({ ...base, content: c, plan: c.plan });
    const variants = [
      contractContentHash({
        ...base,
        content: { ...c, personCommitments: `${c.personCommitments}.` },
        plan: c.plan,
      }),
      contractContentHash({ ...base, content: c, plan: [{ ...c.plan[0]!, weeklyHours: 12.25 }, c.plan[1]!] }),
      contractContentHash({ ...base, content: c, plan: [...c.plan].reverse() }),
      contractContentHash({ ...base, versionNumber: 2, content: c, plan: c.plan }),
      contractContentHash({
        ...base,
        contractId: '00000000-0000-4000-8000-000000000000',
        content: c,
        plan: c.plan,
      }),
    ];
    for (const v of variants) expect(v).not.toBe(h);
    expect(new Set(variants).size).toBe(variants.length);
  });
});

describe('dates', () => {
  it('refuses an end before the start, under the end date', () => {
    expect(paths(dateErrors({ startDate: '2026-02-01', endDate: '2026-01-31' }))).toEqual([
      'content.endDate',
    ]);
    expect(dateErrors({ startDate: '2026-02-01', endDate: '2026-02-01' })).toEqual([]);
  });
});

describe('overlap and renewal', () => {
  const inForce: OtherContract = {
    id: 'a',
    status: 'in_force',
    signedOn: '2025-06-01',
    startDate: '2025-06-01',
    endDate: '2026-05-31',
    renewsContractId: null,
  };
  it('refuses dates overlapping a contract signed or in force (409 code), under the start date', () => {
    const errors = overlapErrors(
      { id: null, startDate: '2026-05-01', endDate: '2026-10-31', renewsContractId: null },
      [inForce],
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'content.startDate', code: 'overlap' });
    expect(errors[0]!.message).toContain('01/06/2025 au 31/05/2026');
    const signed = { ...inForce, status: 'signed' };
    expect(
      overlapErrors({ id: null, startDate: '2026-05-31', endDate: '2026-06-30', renewsContractId: null }, [
        signed,
      ]),
    ).toHaveLength(1);
  });

  it('lets dates touch, and ignores drafts, cancelled, ended and renewed contracts and the contract itself', () => {
    const c = { id: null, startDate: '2026-06-01', endDate: '2026-11-30', renewsContractId: null };
    expect(overlapErrors(c, [inForce])).toEqual([]);
    for (const status of ['draft', 'proposed', 'cancelled', 'ended', 'renewed']) {
      expect(overlapErrors({ ...c, startDate: '2026-01-01' }, [{ ...inForce, status }])).toEqual([]);
    }
    expect(overlapErrors({ ...c, id: 'a', startDate: '2026-01-01' }, [inForce])).toEqual([]);
  });

  it('lets a renewal overlap the contract it renews, if it starts after its start', () => {
    expect(
      overlapErrors({ id: null, startDate: '2026-05-01', endDate: '2026-10-31', renewsContractId: 'a' }, [
        inForce,
      ]),
    ).toEqual([]);
    expect(
      paths(
        overlapErrors({ id: null, startDate: '2025-06-01', endDate: '2026-10-31', renewsContractId: 'a' }, [
          inForce,
        ]),
      ),
    ).toEqual(['content.startDate']);
  });

  it('renews only a signed, in-force or ended contract of the person, once', () => {
    const c = { id: null, startDate: '2026-06-01', endDate: '2026-11-30', renewsContractId: 'a' };
    expect(paths(overlapErrors({ ...c, renewsContractId: 'zz' }, [inForce]))).toEqual(['renewsContractId']);
    expect(paths(overlapErrors(c, [{ ...inForce, status: 'cancelled' }]))).toEqual(['renewsContractId']);
    expect(overlapErrors(c, [{ ...inForce, status: 'ended' }])).toEqual([]);
    const rival: OtherContract = {
      ...inForce,
      id: 'b',
      status: 'draft',
      startDate: '2026-06-01',
      renewsContractId: 'a',
    };
    expect(paths(overlapErrors(c, [inForce, rival]))).toEqual(['renewsContractId']);
    expect(overlapErrors(c, [inForce, { ...rival, status: 'cancelled' }])).toEqual([]);
  });
});

describe('household: the isolated-parent exemption the system proposes', () => {
  const me = { role: 'DEM', birthDate: '1990-01-01', isPerson: true };
  it('proposes it for a child under 12 on the day and no partner', () => {
    expect(
      householdProposal([me, { role: 'ENF', birthDate: '2015-03-02', isPerson: false }], '2026-03-01'),
    ).toEqual({
      childrenUnder12: 1,
      isolatedParent: true,
      proposedExemption: 'isolated_parent_child_under_12',
    });
  });
  it('not when the child turned 12, nor with a spouse (CJT, or DEM beside a CJT)', () => {
    const child = { role: 'ENF', birthDate: '2014-03-01', isPerson: false };
    expect(householdProposal([me, child], '2026-03-01').proposedExemption).toBeNull();
    const young = { ...child, birthDate: '2020-01-01' };
    expect(
      householdProposal([me, young, { role: 'CJT', birthDate: '1991-01-01', isPerson: false }], '2026-03-01'),
    ).toMatchObject({
      childrenUnder12: 1,
      isolatedParent: false,
      proposedExemption: null,
    });
    expect(
      householdProposal(
        [{ ...me, role: 'CJT' }, young, { role: 'DEM', birthDate: '1991-01-01', isPerson: false }],
        '2026-03-01',
      ).proposedExemption,
    ).toBeNull();
  });
});

describe('the weekly minimum, dated', () => {
  it('is 15 h from 2025 (built in), none before, a stored rule from its date', () => {
    expect(minimumWeeklyHoursOn([], '2026-01-01')).toBe(15);
    expect(minimumWeeklyHoursOn([], '2024-12-31')).toBe(0);
    const rules = [{ effectiveFrom: '2027-01-01', minimumWeeklyHours: 12 }];
    expect(minimumWeeklyHoursOn(rules, '2026-12-31')).toBe(15);
    expect(minimumWeeklyHoursOn(rules, '2027-01-01')).toBe(12);
  });
});

describe('proposal', () => {
  it('accepts a complete contract with 18 h a week', () => {
    const { errors, weeks } = proposalErrors(content(), ctx);
    expect(errors).toEqual([]);
    expect(weeks.every((w) => w.hours === 18)).toBe(true);
  });

  it('requires both commitments and a plan step', () => {
    const { errors } = proposalErrors(content({ bodyCommitments: '', personCommitments: '', plan: [] }), ctx);
    expect(paths(errors)).toEqual([
      'content.bodyCommitments',
      'content.personCommitments',
      'content.plan',
      'content.hoursRegime',
    ]);
  });

  it('keeps each step inside the contract, end after start, on a known objective', () => {
    const c = content();
    const plan = [
      { ...c.plan[0]!, objectiveId: 'sport.courir' },
      { ...c.plan[1]!, startDate: '2026-01-04', endDate: '2026-07-05' },
      { ...c.plan[1]!, startDate: '2026-03-01', endDate: '2026-02-01' },
    ];
    const { errors } = proposalErrors({ ...c, plan }, ctx);
    expect(paths(errors)).toEqual([
      'content.plan.0.objectiveId',
      'content.plan.1.startDate',
      'content.plan.1.endDate',
      'content.plan.2.endDate',
    ]);
  });

  it('refuses a week under 15 h without a regime, saying which week', () => {
    const c = content();
    const plan = [c.plan[0]!, { ...c.plan[1]!, startDate: '2026-01-12' }];
    const { errors } = proposalErrors({ ...c, plan }, ctx);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'content.hoursRegime', code: 'under_minimum' });
    expect(errors[0]!.message).toContain('du 05/01/2026 au 11/01/2026 compte 12 h');
  });

  it('allows it with a reduced duration and its reason, or an exemption and its ground', () => {
    const c = content({ plan: [content().plan[0]!] });
    expect(paths(proposalErrors({ ...c, hoursRegime: 'reduced' }, ctx).errors)).toEqual([
      'content.reducedReason',
    ]);
    expect(
      proposalErrors({ ...c, hoursRegime: 'reduced', reducedReason: 'Soins réguliers' }, ctx).errors,
    ).toEqual([]);
    expect(paths(proposalErrors({ ...c, hoursRegime: 'exempt' }, ctx).errors)).toEqual([
      'content.exemptionGround',
    ]);
    expect(proposalErrors({ ...c, hoursRegime: 'exempt', exemptionGround: 'health' }, ctx).errors).toEqual(
      [],
    );
  });

  it('accepts the child-care exemption with no child known only on the person’s statement', () => {
    const c = content({
      hoursRegime: 'exempt',
      exemptionGround: 'isolated_parent_child_under_12',
      plan: [content().plan[0]!],
    });
    expect(paths(proposalErrors(c, ctx).errors)).toEqual(['content.childUnder12Statement']);
    expect(proposalErrors({ ...c, childUnder12Statement: true }, ctx).errors).toEqual([]);
    expect(proposalErrors(c, { ...ctx, childrenUnder12: 1 }).errors).toEqual([]);
  });
});
