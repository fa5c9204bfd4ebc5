import { householdTypeLabels, type OrientationQueueQuery, queueStageLabels } from '@parcours/contracts';
import ExcelJS from 'exceljs';
import { personListTrace } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { listOrientationQueue } from './queue';

const frDate = (iso: string | null) =>
  iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';

/**
 * The filtered queue as an XLSX workbook for the advisor's own follow-up. Never the NIR; the
 * export is a read of the persons listed, so it is audited with their ids.
 */
export async function exportOrientationQueue(
  ctx: AppContext,
  actor: RequestActor,
  query: OrientationQueueQuery,
  request: { ip: string; id: string },
): Promise<{ fileName: string; content: Buffer }> {
  const { hub, today, entries } = await listOrientationQueue(ctx, actor, query);
  const book = new ExcelJS.Workbook();
  book.creator = 'Parcours';
  book.created = new Date();
  const sheet = book.addWorksheet('File d’orientation', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Nom', key: 'name', width: 22 },
    { header: 'Prénom', key: 'firstName', width: 16 },
    { header: 'Date de naissance', key: 'birthDate', width: 14 },
    { header: 'Âge', key: 'age', width: 6 },
    { header: 'Commune', key: 'commune', width: 22 },
    { header: 'N° dossier CAF', key: 'claim', width: 14 },
    { header: 'Composition du foyer', key: 'household', width: 34 },
    { header: 'Date d’entrée', key: 'entry', width: 13 },
    { header: 'Objectif (1 mois)', key: 'target', width: 14 },
    { header: 'Jours restants (objectif)', key: 'daysTarget', width: 12 },
    { header: 'Délai légal', key: 'legal', width: 13 },
    { header: 'Jours restants (délai légal)', key: 'daysLegal', width: 12 },
    { header: 'Étape', key: 'stage', width: 26 },
    { header: 'Prochain rendez-vous', key: 'next', width: 18 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const e of entries) {
    const p = e.person;
    sheet.addRow({
      name: p.usualName && p.usualName !== p.birthName ? `${p.usualName} (née ${p.birthName})` : p.birthName,
      firstName: p.firstName,
      birthDate: frDate(p.birthDate),
      age: e.age,
      commune: p.communeName ?? '',
      claim: p.claimNumber ?? '',
      household: householdTypeLabels[e.householdType],
      entry: frDate(e.entryDate),
      target: frDate(e.targetDate),
      daysTarget: e.daysLeftTarget,
      legal: frDate(e.legalDeadline),
      daysLegal: e.daysLeftLegal ?? '',
      stage: queueStageLabels[e.stage],
      next: e.nextAppointment?.startsAt
        ? new Date(e.nextAppointment.startsAt).toLocaleString('fr-FR', {
            timeZone: 'Europe/Paris',
            dateStyle: 'short',
            timeStyle: 'short',
          })
        : '',
    });
  }
  await ctx.audit.record({
    actor,
    action: 'orientation.queue_export',
    targetType: 'insertion_hub',
    targetId: hub?.id ?? null,
    request,
    ...personListTrace(
      'orientation.queue_export',
      query,
      entries.map((e) => e.person.id),
    ),
  });
  const content = Buffer.from(await book.xlsx.writeBuffer());
  return { fileName: `file-orientation-${today}.xlsx`, content };
}
