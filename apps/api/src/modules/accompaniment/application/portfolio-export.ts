import { alertKindLabels, contractStatusLabels, type PortfolioQuery } from '@parcours/contracts';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { RequestInfo } from '../../../platform/request-info';
import { parisDate } from '../../../platform/time';
import { excel } from '../../../platform/xlsx';
import { parisTime } from '../domain/agenda';
import { buildPortfolio } from './portfolio';

const DATE_FORMAT = 'dd/mm/yyyy';
/** A calendar date as a real date cell, built at UTC midnight so no time zone shifts it. */
const dateCell = (day: string | null) => (day ? new Date(`${day.slice(0, 10)}T00:00:00Z`) : null);

/**
 * The portfolio, filtered and sorted as on screen, as an XLSX workbook. Never the NIR; the export
 * is a read of the persons listed, audited with their ids.
 */
export async function exportPortfolio(
  ctx: AppContext,
  actor: RequestActor,
  query: PortfolioQuery,
  request: RequestInfo,
  now = new Date(),
): Promise<{ fileName: string; content: Buffer }> {
  const portfolio = await buildPortfolio(ctx, actor, query, now);
  const book = new (await excel()).Workbook();
  book.creator = 'Parcours';
  book.created = now;
  const sheet = book.addWorksheet('Portefeuille', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Personne', key: 'name', width: 28 },
    { header: 'Référent', key: 'referent', width: 24 },
    { header: 'Suivie depuis', key: 'since', width: 13, style: { numFmt: DATE_FORMAT } },
    { header: 'Prochain rendez-vous', key: 'nextDate', width: 14, style: { numFmt: DATE_FORMAT } },
    { header: 'Heure', key: 'nextTime', width: 8 },
    { header: 'Contrat', key: 'contract', width: 26 },
    { header: 'Fin du contrat', key: 'end', width: 13, style: { numFmt: DATE_FORMAT } },
    { header: 'Heures prévues cette semaine', key: 'hours', width: 12 },
    { header: 'Alertes', key: 'alertCount', width: 8 },
    { header: 'Détail des alertes', key: 'alerts', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const e of portfolio.entries) {
    const startsAt = e.nextAppointment?.startsAt ? new Date(e.nextAppointment.startsAt) : null;
    sheet.addRow({
      name: e.personName,
      referent: e.referentName,
      since: dateCell(e.since),
      nextDate: dateCell(startsAt ? parisDate(startsAt) : (e.nextAppointment?.onDate ?? null)),
      nextTime: startsAt ? parisTime(startsAt) : '',
      contract: e.contract ? contractStatusLabels[e.contract.status] : 'Aucun contrat',
      end: dateCell(e.contract?.endDate ?? null),
      hours: e.hoursThisWeek ?? '',
      alertCount: e.alerts.length,
      alerts: e.alerts.map((a) => `${alertKindLabels[a.kind]} : ${a.label}`).join('\n'),
    });
  }
  await recordPersonList(
    ctx,
    actor,
    request,
    'portfolio.export',
    { ...query, structureId: portfolio.structure?.id ?? query.structureId },
    portfolio.entries.map((e) => e.personId),
  );
  const content = Buffer.from(await book.xlsx.writeBuffer());
  return { fileName: `portefeuille-${portfolio.today}.xlsx`, content };
}
