import {
  type ContractDetail,
  type ContractVersion,
  contractStatusLabels,
  contractVersionStatusLabels,
  exemptionGroundLabels,
  hoursRegimeLabels,
  planStepKindLabels,
} from '@parcours/contracts';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { renderPdf } from '../../../platform/pdf/render';

/** The contract of engagement as printed (same look as the letters: département header, A4). */
export interface PrintableContract {
  departmentName: string;
  contract: ContractDetail;
  version: ContractVersion;
  /** The person, without NIR: names, birth date, claim number, address lines. */
  person: { name: string; birthDate: string; claimNumber: string | null; addressLines: string[] };
  structure: { name: string; address: string | null; phone: string | null; email: string | null } | null;
  referentName: string | null;
}

const frDate = (d: string) => d.slice(0, 10).split('-').reverse().join('/');
const fr = (n: number) => String(n).replace('.', ',');
const clean = (text: string) => text.replace(/[\u202f\u2009]/g, '\u00a0').replace(/\r\n?/g, '\n');
const stamp = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));

const heading = (text: string): Content => ({ text, bold: true, fontSize: 12, margin: [0, 14, 0, 4] });
const line = {
  hLineWidth: () => 0.6,
  vLineWidth: () => 0.6,
  hLineColor: () => '#555555',
  vLineColor: () => '#555555',
};
const head = (labels: string[]): TableCell[] =>
  labels.map((h) => ({ text: h, bold: true, fillColor: '#eeeeee' }));

function paragraphs(text: string): Content[] {
  const parts = clean(text)
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length
    ? parts.map((p) => ({ text: p, margin: [0, 0, 0, 6] as [number, number, number, number] }))
    : [{ text: '—', italics: true }];
}

function regimeLines(c: ContractVersion['content']): Content[] {
  const out: Content[] = [
    { text: [{ text: 'Durée hebdomadaire : ', bold: true }, hoursRegimeLabels[c.hoursRegime]] },
  ];
  if (c.hoursRegime === 'reduced' && c.reducedReason) out.push({ text: clean(`Motif : ${c.reducedReason}`) });
  if (c.hoursRegime === 'exempt' && c.exemptionGround) {
    out.push({ text: `Motif de la dispense : ${exemptionGroundLabels[c.exemptionGround]}` });
  }
  return out;
}

function planTable(v: ContractVersion): Content {
  if (v.plan.length === 0) return { text: 'Aucune étape.', italics: true };
  const body: TableCell[][] = [head(['Objectif', 'Étape', 'Heures / semaine', 'Du', 'Au'])];
  for (const s of v.plan) {
    body.push([
      clean(s.objectiveLabel ?? s.objectiveId),
      { text: [{ text: clean(s.label), bold: true }, `\n${planStepKindLabels[s.kind]}`] },
      { text: `${fr(s.weeklyHours)} h`, alignment: 'right' },
      frDate(s.startDate),
      frDate(s.endDate),
    ]);
  }
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: ['*', '*', 60, 56, 56], body },
    layout: line,
  };
}

function weeksTable(v: ContractVersion, minimum: number): Content {
  if (v.weeks.length === 0) return { text: 'Aucune semaine.', italics: true };
  const body: TableCell[][] = [head(['Semaine', 'Du', 'Au', 'Heures prévues', ''])];
  v.weeks.forEach((w, i) => {
    body.push([
      String(i + 1),
      frDate(w.weekStart),
      frDate(w.weekEnd),
      { text: `${fr(w.hours)} h`, alignment: 'right', bold: w.underMinimum },
      w.underMinimum ? `sous ${fr(minimum)} h` : '',
    ]);
  });
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: [50, 70, 70, 80, '*'], body },
    layout: line,
    fontSize: 9,
  };
}

function signatureBlock(v: ContractVersion): Content {
  const agent = v.agentSignedAt
    ? `Signé le ${stamp(v.agentSignedAt)}${v.agentSignedByName ? ` par ${v.agentSignedByName}` : ''}`
    : 'Pas encore signé';
  const person = v.personSignedAt
    ? `Signé le ${stamp(v.personSignedAt)} ${v.personSignatureMethod === 'beneficiary_space' ? 'depuis son espace personnel (code à usage unique)' : 'sur place, à l’écran'}`
    : 'Pas encore signé';
  return {
    table: {
      widths: ['*', '*'],
      body: [head(['Pour la structure référente', 'La personne accompagnée']), [clean(agent), clean(person)]],
    },
    layout: line,
  };
}

/** One contract version, A4: parties, dates, commitments, the action plan, the weekly hours, signatures. */
export async function contractPdf(p: PrintableContract): Promise<Buffer> {
  const { contract: c, version: v } = p;
  const content: Content[] = [
    {
      columns: [
        {
          width: '*',
          stack: [
            { text: 'Conseil départemental', fontSize: 9, color: '#444444' },
            { text: clean(p.departmentName), fontSize: 15, bold: true },
            { text: "Direction de l'insertion", fontSize: 10, margin: [0, 2, 0, 0] },
          ],
        },
        {
          width: 200,
          stack: [
            {
              text: `Version ${v.number} — ${contractVersionStatusLabels[v.status]}`,
              fontSize: 9,
              alignment: 'right',
            },
            { text: `Contrat : ${contractStatusLabels[c.status]}`, fontSize: 9, alignment: 'right' },
          ],
        },
      ],
    },
    { text: 'Contrat d’engagement', fontSize: 18, bold: true, margin: [0, 16, 0, 0] },
    {
      text: 'Article L262-35 du code de l’action sociale et des familles et loi pour le plein emploi',
      fontSize: 9,
      color: '#444444',
      margin: [0, 0, 0, 6],
    },
    heading('Entre'),
    {
      columns: [
        {
          width: '*',
          stack: [
            { text: 'La personne accompagnée', bold: true },
            clean(p.person.name),
            `Née ou né le ${frDate(p.person.birthDate)}`,
            ...(p.person.claimNumber ? [`Dossier n° ${p.person.claimNumber}`] : []),
            ...p.person.addressLines.map(clean),
          ],
        },
        {
          width: '*',
          stack: [
            { text: 'La structure référente', bold: true },
            clean(p.structure?.name ?? c.structureName ?? '—'),
            ...(p.structure?.address ? [clean(p.structure.address)] : []),
            ...[
              p.structure?.phone ? `Tél. : ${p.structure.phone}` : null,
              p.structure?.email ? `E-mail : ${p.structure.email}` : null,
            ]
              .filter((x): x is string => Boolean(x))
              .map(clean),
            clean(`Référent unique : ${p.referentName ?? c.referentName ?? 'à désigner'}`),
          ],
        },
      ],
    },
    heading('Durée'),
    {
      text: `Du ${frDate(v.content.startDate)} au ${frDate(v.content.endDate)} (${c.durationLabel || '—'}).`,
    },
    ...regimeLines(v.content),
    heading('Engagements de la structure référente'),
    ...paragraphs(v.content.bodyCommitments),
    heading('Engagements de la personne'),
    ...paragraphs(v.content.personCommitments),
    heading('Plan d’action'),
    planTable(v),
    heading('Heures prévues par semaine'),
    {
      text: `Semaines de 7 jours à partir du début du contrat ; minimum : ${fr(c.minimumWeeklyHours)} h par semaine${v.content.hoursRegime === 'standard' ? '' : ' (sauf régime ci-dessus)'}.`,
      fontSize: 9,
      color: '#444444',
      margin: [0, 0, 0, 4],
    },
    weeksTable(v, c.minimumWeeklyHours),
    heading('Signatures'),
    signatureBlock(v),
    {
      text: v.contentHash
        ? `Empreinte du contenu signé (SHA-256) : ${v.contentHash}`
        : 'Version non encore proposée à la signature : pas d’empreinte.',
      fontSize: 8,
      color: '#444444',
      margin: [0, 6, 0, 0],
    },
  ];
  const title = `Contrat d’engagement — version ${v.number}`;
  const doc: TDocumentDefinitions = {
    info: { title, author: 'Parcours', creator: 'Parcours' },
    pageSize: 'A4',
    pageMargins: [56, 48, 56, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2 },
    footer: (current, total) => ({
      text: `${title} — page ${current} sur ${total}`,
      alignment: 'center',
      fontSize: 8,
      color: '#555555',
    }),
    content,
  };
  return renderPdf(doc);
}
