import {
  agree,
  householdTypeLabels,
  lastNameOf,
  type OrientationQueueQuery,
  queueStageLabels,
} from '@parcours/contracts';
import { personListTrace } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { excel } from '../../../platform/xlsx';
import { listOrientationQueue } from './queue';

/**
 * A calendar date as a real date cell (sortable, filterable in Excel). exceljs stores a Date by its
 * UTC fields, so the day is built at UTC midnight: no time zone can shift it to the day before.
 */
export const dateCell = (iso: string | null): Date | null =>
  iso ? new Date(`${iso.slice(0, 10)}T00:00:00Z`) : null;

/** An instant as the Paris wall-clock date and time Excel will show (it has no time zones). */
export function parisDateTimeCell(instant: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return new Date(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:00Z`);
}

const DATE_FORMAT = 'dd/mm/yyyy';

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
  const book = new (await excel()).Workbook();
  book.creator = 'Parcours';
  book.created = new Date();
  const sheet = book.addWorksheet('File d’orientation', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Nom', key: 'name', width: 22 },
    { header: 'Prénom', key: 'firstName', width: 16 },
    { header: 'Date de naissance', key: 'birthDate', width: 14, style: { numFmt: DATE_FORMAT } },
    { header: 'Âge', key: 'age', width: 6 },
    { header: 'Commune', key: 'commune', width: 22 },
    { header: 'N° dossier CAF', key: 'claim', width: 14 },
    { header: 'Composition du foyer', key: 'household', width: 34 },
    { header: 'Date d’entrée', key: 'entry', width: 13, style: { numFmt: DATE_FORMAT } },
    { header: 'Objectif (1 mois)', key: 'target', width: 14, style: { numFmt: DATE_FORMAT } },
    { header: 'Jours restants (objectif)', key: 'daysTarget', width: 12 },
    { header: 'Délai légal', key: 'legal', width: 13, style: { numFmt: DATE_FORMAT } },
    { header: 'Jours restants (délai légal)', key: 'daysLegal', width: 12 },
    { header: 'Étape', key: 'stage', width: 26 },
    { header: 'Prochain rendez-vous', key: 'next', width: 18, style: { numFmt: `${DATE_FORMAT} hh:mm` } },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const e of entries) {
    const p = e.person;
    sheet.addRow({
      // Names exactly as the CAF or the agent wrote them (« LE ROUX » stays « LE ROUX »).
      name:
        lastNameOf(p) !== p.birthName.trim()
          ? `${lastNameOf(p)} (${agree(p.sex, 'né')} ${p.birthName.trim()})`
          : lastNameOf(p),
      firstName: p.firstName,
      birthDate: dateCell(p.birthDate),
      age: e.age,
      commune: p.communeName ?? '',
      claim: p.claimNumber ?? '',
      household: householdTypeLabels[e.householdType],
      entry: dateCell(e.entryDate),
      target: dateCell(e.targetDate),
      daysTarget: e.daysLeftTarget,
      legal: dateCell(e.legalDeadline),
      daysLegal: e.daysLeftLegal ?? '',
      stage: queueStageLabels[e.stage],
      next: e.nextAppointment?.startsAt ? parisDateTimeCell(e.nextAppointment.startsAt) : null,
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
