import type {
  CatalogueFilters,
  CatalogueSearchResult,
  catalogueSearchQuerySchema,
} from '@parcours/contracts';
import type { z } from 'zod';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { invalid, notFound } from '../../../platform/errors';
import { parisToday } from '../../../platform/time';
import { thematiquesForNeed } from '../domain/catalogue-needs';
import { actionDetail, actionSummaries } from '../infra/catalogue-repo';
import { searchActionIds } from '../infra/search-repo';

type SearchQuery = z.output<typeof catalogueSearchQuerySchema>;

/** Choices of the search form: the diagnosis themes (needs), communes with their pôle, pôles, operators. */
export async function catalogueFilters(ctx: AppContext, actor: RequestActor): Promise<CatalogueFilters> {
  const dep = actor.departmentCode;
  const [themes, communes, hubs, operators] = await Promise.all([
    ctx.db
      .selectFrom('diagnostic_theme')
      .select(['id', 'label'])
      .where('department_code', '=', dep)
      .where('active', '=', true)
      .orderBy('position')
      .execute(),
    ctx.db
      .selectFrom('commune')
      .select(['insee_code as code', 'name', 'hub_id as hubId'])
      .where('department_code', '=', dep)
      .orderBy('name')
      .execute(),
    ctx.db
      .selectFrom('insertion_hub')
      .select(['id', 'name'])
      .where('department_code', '=', dep)
      .orderBy('name')
      .execute(),
    ctx.db
      .selectFrom('structure as s')
      .select(['s.id', 's.name'])
      .where('s.department_code', '=', dep)
      .where((eb) =>
        eb.or([
          eb.and([eb('s.kind', '=', 'operator'), eb('s.active', '=', true)]),
          eb.exists(
            eb
              .selectFrom('insertion_action_operator as o')
              .select('o.action_id')
              .whereRef('o.structure_id', '=', 's.id'),
          ),
        ]),
      )
      .orderBy('s.name')
      .execute(),
  ]);
  return { themes, communes, hubs, operators };
}

/** The search of the catalogue (need, commune → pôle, pôle, public, age and sex, free text, free places). */
export async function searchCatalogue(
  ctx: AppContext,
  actor: RequestActor,
  query: SearchQuery,
): Promise<CatalogueSearchResult> {
  const dep = actor.departmentCode;
  const today = parisToday();
  let thematiques: string[] | undefined;
  if (query.need) {
    const codes = thematiquesForNeed(query.need);
    if (!codes) throw invalid('need', 'Besoin inconnu.');
    thematiques = codes;
  }
  let commune: { code: string; hubId: string | null } | undefined;
  if (query.communeCode) {
    const c = await ctx.db
      .selectFrom('commune')
      .select(['insee_code', 'hub_id'])
      .where('insee_code', '=', query.communeCode)
      .where('department_code', '=', dep)
      .executeTakeFirst();
    if (!c) throw invalid('communeCode', "Cette commune n'appartient pas au département.");
    commune = { code: c.insee_code, hubId: c.hub_id };
  }
  const words = (query.q ?? '')
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[%_\\]/g, ''))
    .filter(Boolean);
  const { ids, total } = await searchActionIds(ctx.db, {
    departmentCode: dep,
    today,
    thematiques,
    commune,
    hubId: query.hubId,
    public: query.public,
    age: query.age,
    sex: query.sex,
    words,
    freeOnly: query.freeOnly === 'true',
    includeCancelled: query.includeCancelled === 'true',
    axis: query.axis,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return {
    items: await actionSummaries(ctx.db, dep, ids, today),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getAction(ctx: AppContext, actor: RequestActor, id: string) {
  const detail = await actionDetail(ctx.db, actor.departmentCode, id, parisToday());
  if (!detail) throw notFound('Action');
  return detail;
}
