import {
  type Diagnosis,
  type diagnosisInputSchema,
  type EmploymentSituation,
  employmentSituationLabels,
  type QualificationLevel,
  qualificationLevelLabels,
} from '@parcours/contracts';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { DomainError } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { requirePerson } from '../../beneficiaries';
import { orientationEvents } from '../domain/timeline-events';

type DiagnosisInput = z.output<typeof diagnosisInputSchema>;

/** Every version of a person's diagnosis, latest first, with the labels of today's lists. */
export async function loadDiagnoses(db: Kysely<Database>, personId: string): Promise<Diagnosis[]> {
  const rows = await db
    .selectFrom('diagnosis as d')
    .leftJoin('account as a', 'a.id', 'd.author_account_id')
    .selectAll('d')
    .select('a.display_name')
    .where('d.person_id', '=', personId)
    .orderBy('d.version_no', 'desc')
    .execute();
  if (rows.length === 0) return [];
  const obstacles = await db
    .selectFrom('diagnosis_obstacle as o')
    .innerJoin('diagnostic_theme as t', (j) =>
      j.onRef('t.department_code', '=', 'o.department_code').onRef('t.id', '=', 'o.theme_id'),
    )
    .leftJoin('diagnostic_situation as s', (j) =>
      j.onRef('s.department_code', '=', 'o.department_code').onRef('s.id', '=', 'o.situation_id'),
    )
    .select([
      'o.diagnosis_id',
      'o.theme_id',
      't.label as theme_label',
      'o.situation_id',
      's.label as situation_label',
      'o.severity',
      'o.comment',
    ])
    .where(
      'o.diagnosis_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('t.position')
    .orderBy('s.position')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    versionNo: r.version_no,
    diagnosedOn: String(r.diagnosed_on),
    employmentSituation: r.employment_situation as EmploymentSituation,
    employmentSituationLabel:
      employmentSituationLabels[r.employment_situation as EmploymentSituation] ?? r.employment_situation,
    qualificationLevel: r.qualification_level as QualificationLevel | null,
    qualificationLevelLabel: r.qualification_level
      ? (qualificationLevelLabels[r.qualification_level as QualificationLevel] ?? r.qualification_level)
      : null,
    experience: r.experience,
    project: r.project,
    comments: r.comments,
    obstacles: obstacles
      .filter((o) => o.diagnosis_id === r.id)
      .map((o) => ({
        themeId: o.theme_id,
        themeLabel: o.theme_label,
        situationId: o.situation_id,
        situationLabel: o.situation_label,
        severity: o.severity,
        comment: o.comment,
      })),
    authorName: r.display_name,
    recordedAt: new Date(r.recorded_at).toISOString(),
  }));
}

function refuse(path: string, message: string): DomainError {
  return new DomainError('invalid', 'VALIDATION_ERROR', 'Certaines données sont invalides.', [
    { path, code: 'invalid', message },
  ]);
}

/**
 * Records a new version of the diagnosis (version_no + 1): earlier versions stay as they were.
 * Obstacles point at the referential's ids; an unknown theme or situation, or a situation of
 * another theme, is refused with the obstacle concerned.
 */
export async function createDiagnosis(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  input: DiagnosisInput,
  request: RequestInfo,
): Promise<Diagnosis> {
  await requirePerson(ctx, actor, personId, request, 'act');
  const dep = actor.departmentCode;
  if (input.diagnosedOn > parisToday()) {
    throw refuse('diagnosedOn', 'La date du diagnostic ne peut pas être dans le futur.');
  }
  const themeIds = [...new Set(input.obstacles.map((o) => o.themeId))];
  const situationIds = [...new Set(input.obstacles.flatMap((o) => (o.situationId ? [o.situationId] : [])))];
  const [themes, situations] = await Promise.all([
    themeIds.length
      ? ctx.db
          .selectFrom('diagnostic_theme')
          .select(['id', 'label', 'active'])
          .where('department_code', '=', dep)
          .where('id', 'in', themeIds)
          .execute()
      : [],
    situationIds.length
      ? ctx.db
          .selectFrom('diagnostic_situation')
          .select(['id', 'theme_id', 'active'])
          .where('department_code', '=', dep)
          .where('id', 'in', situationIds)
          .execute()
      : [],
  ]);
  const themeById = new Map(themes.map((t) => [t.id, t]));
  const situationById = new Map(situations.map((s) => [s.id, s]));
  const fields: { path: string; code: string; message: string }[] = [];
  const pairs = new Set<string>();
  input.obstacles.forEach((o, i) => {
    const theme = themeById.get(o.themeId);
    if (!theme?.active) {
      fields.push({
        path: `obstacles.${i}.themeId`,
        code: 'unknown_theme',
        message: `Thème « ${o.themeId} » inconnu du référentiel du diagnostic.`,
      });
      return;
    }
    if (o.situationId) {
      const situation = situationById.get(o.situationId);
      if (!situation?.active) {
        fields.push({
          path: `obstacles.${i}.situationId`,
          code: 'unknown_situation',
          message: `Situation « ${o.situationId} » inconnue du référentiel du diagnostic.`,
        });
        return;
      }
      if (situation.theme_id !== o.themeId) {
        fields.push({
          path: `obstacles.${i}.situationId`,
          code: 'situation_of_other_theme',
          message: `La situation « ${o.situationId} » n’appartient pas au thème « ${theme.label} ».`,
        });
        return;
      }
    }
    const key = `${o.themeId}|${o.situationId ?? ''}`;
    if (pairs.has(key)) {
      fields.push({
        path: `obstacles.${i}`,
        code: 'duplicate',
        message: `Le frein « ${theme.label} »${o.situationId ? ' avec cette situation' : ''} est saisi deux fois.`,
      });
    }
    pairs.add(key);
  });
  if (fields.length)
    throw new DomainError('invalid', 'VALIDATION_ERROR', 'Certaines données sont invalides.', fields);

  const id = await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    // One version number per person: diagnoses of the same person are written one at a time.
    await sql`SELECT id FROM person WHERE id = ${personId} FOR UPDATE`.execute(trx);
    const last = await trx
      .selectFrom('diagnosis')
      .select(sql<number>`coalesce(max(version_no), 0)::int`.as('n'))
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    const versionNo = Number(last.n) + 1;
    const spell = await trx
      .selectFrom('entry_spell')
      .select('id')
      .where('person_id', '=', personId)
      .where('entry_date', '<=', input.diagnosedOn)
      .orderBy('entry_date', 'desc')
      .limit(1)
      .executeTakeFirst();
    const row = await trx
      .insertInto('diagnosis')
      .values({
        department_code: dep,
        person_id: personId,
        entry_spell_id: spell?.id ?? null,
        version_no: versionNo,
        diagnosed_on: input.diagnosedOn,
        employment_situation: input.employmentSituation,
        qualification_level: input.qualificationLevel,
        experience: input.experience,
        project: input.project,
        comments: input.comments,
        author_account_id: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.obstacles.length) {
      await trx
        .insertInto('diagnosis_obstacle')
        .values(
          input.obstacles.map((o) => ({
            department_code: dep,
            diagnosis_id: row.id,
            theme_id: o.themeId,
            situation_id: o.situationId,
            severity: o.severity,
            comment: o.comment,
          })),
        )
        .execute();
    }
    await timeline(orientationEvents, {
      personId,
      occurredOn: input.diagnosedOn,
      type: 'diagnosis',
      data: { diagnosisId: row.id, versionNo },
      source: 'parcours',
    });
    await audit({
      action: 'diagnosis.created',
      personId,
      targetType: 'diagnosis',
      targetId: row.id,
      details: { versionNo, obstacles: input.obstacles.length },
    });
    return row.id;
  });
  const all = await loadDiagnoses(ctx.db, personId);
  return all.find((d) => d.id === id)!;
}

/** The versions of a person's diagnosis; each reading is traced. */
export async function listDiagnoses(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: RequestInfo,
): Promise<Diagnosis[]> {
  await requirePerson(ctx, actor, personId, request);
  await ctx.audit.personRead(actor, personId, request, 'diagnostic socio-professionnel');
  return loadDiagnoses(ctx.db, personId);
}
