import {
  hoursLabel,
  type ImmersionDetail,
  immersionObjectiveLabels,
  immersionParties,
  immersionPartyLabels,
  immersionStatusLabels,
  signatureModeLabels,
  weekDayLabels,
} from '@parcours/contracts';
import type { Content, TableCell } from 'pdfmake/interfaces';
import {
  pdfDate,
  pdfDocument,
  pdfHeaderCells,
  pdfHeading,
  pdfStamp,
  pdfTableLines,
  pdfText,
} from '../../../platform/pdf/layout';
import { renderPdf } from '../../../platform/pdf/render';

/** The PMSMP convention as printed: the three parties, objective, job, dates, schedule, signatures. */
export interface PrintableImmersion {
  departmentName: string;
  immersion: ImmersionDetail;
  /** The person, without NIR: name, birth date, commune. */
  person: { name: string; birthDate: string; commune: string | null };
  structure: { name: string; address: string | null; phone: string | null; email: string | null };
}

const heading = (text: string): Content => pdfHeading(text, 12);

function scheduleTable(i: ImmersionDetail): Content {
  const body: TableCell[][] = [pdfHeaderCells(['Jour', 'Horaires'])];
  for (const day of [1, 2, 3, 4, 5, 6, 7]) {
    const slots = i.content.schedule
      .filter((s) => s.day === day)
      .sort((a, b) => a.start.localeCompare(b.start));
    if (slots.length) body.push([weekDayLabels[day]!, slots.map((s) => `${s.start} – ${s.end}`).join(', ')]);
  }
  return { table: { headerRows: 1, widths: [100, '*'], body }, layout: pdfTableLines };
}

function signatureTable(i: ImmersionDetail): Content {
  const body: TableCell[][] = [pdfHeaderCells(['Partie', 'Signataire', 'Signé le', 'Mode'])];
  for (const party of immersionParties) {
    const s = i.signatures.find((x) => x.party === party);
    body.push([
      immersionPartyLabels[party],
      s ? pdfText(s.signerName) : { text: 'Non signée', italics: true },
      s ? pdfStamp(s.signedAt) : '—',
      s
        ? `${signatureModeLabels[s.mode]}${s.recordedByName ? ` (enregistrée par ${pdfText(s.recordedByName)})` : ''}`
        : '—',
    ]);
  }
  return { table: { headerRows: 1, widths: [110, '*', 70, 150], body }, layout: pdfTableLines };
}

export function immersionPdf(p: PrintableImmersion): Promise<Buffer> {
  const i = p.immersion;
  const h = i.content.host;
  const content: Content[] = [
    {
      columns: [
        {
          width: '*',
          stack: [
            { text: 'Conseil départemental', fontSize: 9, color: '#444444' },
            { text: pdfText(p.departmentName), fontSize: 15, bold: true },
          ],
        },
        { width: 200, text: `Statut : ${immersionStatusLabels[i.status]}`, fontSize: 9, alignment: 'right' },
      ],
    },
    {
      text: 'Convention de mise en situation en milieu professionnel',
      fontSize: 17,
      bold: true,
      margin: [0, 14, 0, 0],
    },
    {
      text: 'PMSMP — articles L5135-1 et suivants et D5135-1 et suivants du code du travail',
      fontSize: 9,
      color: '#444444',
      margin: [0, 0, 0, 4],
    },
    heading('Les parties'),
    {
      columns: [
        {
          width: '*',
          stack: [
            { text: 'La personne accompagnée', bold: true },
            pdfText(p.person.name),
            `Née ou né le ${pdfDate(p.person.birthDate)}`,
            ...(p.person.commune ? [pdfText(p.person.commune)] : []),
          ],
        },
        {
          width: '*',
          stack: [
            { text: 'La structure d’accueil', bold: true },
            pdfText(h.name),
            `SIRET : ${h.siret}`,
            pdfText(h.address),
            pdfText(`Tuteur : ${h.tutorName}, ${h.tutorFunction}`),
            pdfText(`${h.tutorEmail} — ${h.tutorPhone}`),
          ],
        },
        {
          width: '*',
          stack: [
            { text: 'La structure d’accompagnement', bold: true },
            pdfText(p.structure.name),
            ...[p.structure.address, p.structure.phone, p.structure.email]
              .filter((x): x is string => Boolean(x))
              .map(pdfText),
          ],
        },
      ],
    },
    heading('Objet'),
    { text: [{ text: 'Objectif : ', bold: true }, immersionObjectiveLabels[i.content.objective]] },
    {
      text: [
        { text: 'Métier : ', bold: true },
        pdfText(`${i.content.jobLabel} (code ROME ${i.content.romeCode})`),
      ],
    },
    { text: [{ text: 'Lieu : ', bold: true }, pdfText(i.content.place)] },
    ...(i.renewalOf
      ? [{ text: 'Renouvellement d’une convention précédente avec la même structure d’accueil.' }]
      : []),
    heading('Dates et horaires'),
    {
      text: `Du ${pdfDate(i.content.startDate)} au ${pdfDate(i.content.endDate)} (${i.calendarDays} jours calendaires) — durée hebdomadaire : ${hoursLabel(i.weeklyHours)}.`,
      margin: [0, 0, 0, 4],
    },
    scheduleTable(i),
    {
      text: `Limites en vigueur au début : ${i.limits.maxCalendarDays} jours calendaires, ${hoursLabel(i.limits.maxWeeklyHours)} par semaine.`,
      fontSize: 9,
      color: '#444444',
      margin: [0, 4, 0, 0],
    },
    heading('Activités confiées'),
    { text: pdfText(i.content.tasks) },
    heading('Risques et équipements'),
    { text: pdfText(i.content.risks ?? 'Aucun risque particulier signalé.') },
    {
      text: 'La période de mise en situation n’est ni un emploi ni une formation : la personne conserve son statut et sa protection sociale.',
      fontSize: 9,
      margin: [0, 10, 0, 0],
    },
    heading('Signatures'),
    signatureTable(i),
    ...(i.validatedAt
      ? [
          {
            text: `Validée par la structure d’accompagnement le ${pdfStamp(i.validatedAt)}${i.validatedByName ? ` (${pdfText(i.validatedByName)})` : ''}.`,
            margin: [0, 6, 0, 0] as [number, number, number, number],
          },
        ]
      : []),
  ];
  const title = 'Convention PMSMP';
  return renderPdf(pdfDocument({ title, margins: [48, 44, 48, 52], fontSize: 10, content }));
}
