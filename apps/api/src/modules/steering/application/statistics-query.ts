import type { DreesStatistics, StatisticsQuery } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { dreesStatistics } from './drees-statistics';
import { dreesWorkbook } from './statistics-export';

/** `GET /api/statistics/drees`: the actor's département, masked counts only. */
export function getDreesStatistics(
  ctx: AppContext,
  actor: RequestActor,
  query: StatisticsQuery,
): Promise<DreesStatistics> {
  return dreesStatistics(ctx.db, actor.departmentCode, query.on);
}

/** `GET /api/statistics/drees.xlsx`: the same tables as a workbook. */
export async function exportDreesStatistics(
  ctx: AppContext,
  actor: RequestActor,
  query: StatisticsQuery,
): Promise<{ fileName: string; content: Buffer }> {
  const stats = await dreesStatistics(ctx.db, actor.departmentCode, query.on);
  return { fileName: `statistiques-drees-${stats.on}.xlsx`, content: await dreesWorkbook(stats) };
}
