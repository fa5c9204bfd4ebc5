import type { Kysely } from 'kysely';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Database } from '../../../platform/db/schema';
import { renderPdf } from '../../../platform/pdf/render';

/** A day's attendance sheet as printed: one table per slot, a signature column to fill by hand. */
export interface AttendanceSheet {
  title: string;
  departmentName: string;
  /** YYYY-MM-DD (Paris). */
  date: string;
  slots: {
    title: string;
    place: string;
    advisorName: string | null;
    owner: string | null;
    /** Persons booked outside the reader's scope: counted, never printed. */
    hiddenAttendees: number;
    rows: { lastName: string; firstName: string; birthDate: string; claimNumber: string | null }[];
  }[];
}

const longDay = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** « mercredi 2 décembre 2026 ». */
export function frenchLongDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return longDay.format(new Date(Date.UTC(y, m - 1, d, 12)));
}

const frenchDate = (date: string) => date.split('-').reverse().join('/');
const clean = (text: string) => text.replace(/[\u202f\u2009]/g, '\u00a0');

function slotContent(slot: AttendanceSheet['slots'][number]): Content[] {
  const header: TableCell[] = ['Nom', 'Prénom', 'Naissance', 'N° de dossier', 'Signature'].map((h) => ({
    text: h,
    bold: true,
    fillColor: '#eeeeee',
  }));
  const body: TableCell[][] = [header];
  for (const r of slot.rows) {
    body.push([
      { text: clean(r.lastName), bold: true },
      clean(r.firstName),
      frenchDate(r.birthDate),
      r.claimNumber ?? '—',
      { text: '', margin: [0, 12, 0, 12] },
    ]);
  }
  const facts = [slot.place, slot.owner, slot.advisorName ? `Conseiller : ${slot.advisorName}` : null]
    .filter(Boolean)
    .join(' · ');
  const content: Content[] = [
    { text: clean(slot.title), bold: true, fontSize: 12, margin: [0, 14, 0, 2] },
    { text: clean(facts), fontSize: 9, color: '#444444', margin: [0, 0, 0, 6] },
  ];
  if (slot.rows.length === 0) {
    content.push({ text: 'Aucune personne inscrite.', italics: true, margin: [0, 0, 0, 4] });
  } else {
    content.push({
      table: { headerRows: 1, dontBreakRows: true, widths: ['*', '*', 62, 76, 120], body },
      layout: {
        hLineWidth: () => 0.6,
        vLineWidth: () => 0.6,
        hLineColor: () => '#555555',
        vLineColor: () => '#555555',
      },
    });
  }
  if (slot.hiddenAttendees > 0) {
    content.push({
      text: `${slot.hiddenAttendees} autre(s) personne(s) inscrite(s) hors de votre périmètre.`,
      fontSize: 9,
      margin: [0, 4, 0, 0],
    });
  }
  return content;
}

/** One PDF for the day, A4; each slot's table keeps its rows whole across pages. */
export async function attendanceSheetPdf(sheet: AttendanceSheet): Promise<Buffer> {
  const day = frenchLongDay(sheet.date);
  const content: Content[] = [
    { text: 'Conseil départemental', fontSize: 9, color: '#444444' },
    { text: clean(sheet.departmentName), fontSize: 14, bold: true },
    { text: "Feuille d'émargement", fontSize: 18, bold: true, margin: [0, 14, 0, 0] },
    { text: day.charAt(0).toLocaleUpperCase('fr-FR') + day.slice(1), fontSize: 12, margin: [0, 2, 0, 4] },
    {
      text: 'Chaque personne présente signe en face de son nom. Les heures sont celles de Paris.',
      fontSize: 9,
      color: '#444444',
    },
  ];
  // Only the slots with someone to sign; the empty ones are counted.
  const printed = sheet.slots.filter((s) => s.rows.length > 0 || s.hiddenAttendees > 0);
  const empty = sheet.slots.length - printed.length;
  if (printed.length === 0) {
    content.push({ text: 'Personne n’est inscrit ce jour-là.', italics: true, margin: [0, 16, 0, 0] });
  }
  for (const slot of printed) content.push(...slotContent(slot));
  if (empty > 0) {
    content.push({
      text: `${empty} ${empty > 1 ? 'autres créneaux' : 'autre créneau'} du jour sans personne inscrite.`,
      fontSize: 9,
      color: '#444444',
      margin: [0, 14, 0, 0],
    });
  }
  const doc: TDocumentDefinitions = {
    info: { title: sheet.title, author: 'Parcours', creator: 'Parcours' },
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 48],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.15 },
    footer: (current, total) => ({
      text: `${sheet.title} — page ${current} sur ${total}`,
      alignment: 'center',
      fontSize: 8,
      color: '#555555',
    }),
    content,
  };
  return renderPdf(doc);
}

/** The département's name, printed at the top of the sheet. */
export async function departmentName(db: Kysely<Database>, departmentCode: string): Promise<string> {
  const d = await db
    .selectFrom('department')
    .select('name')
    .where('code', '=', departmentCode)
    .executeTakeFirst();
  return d?.name ?? `Département ${departmentCode}`;
}
