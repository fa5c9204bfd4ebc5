import {
  type ContractDetail,
  type ContractVersion,
  contractStatusLabels,
  contractVersionStatusLabels,
  exemptionGroundLabels,
  hoursRegimeLabels,
  planStepKindLabels,
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

const fr = (n: number) => String(n).replace('.', ',');
const heading = (text: string): Content => pdfHeading(text, 14);

function paragraphs(text: string): Content[] {
  const parts = pdfText(text)
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
  if (c.hoursRegime === 'reduced' && c.reducedReason)
    out.push({ text: pdfText(`Motif : ${c.reducedReason}`) });
  if (c.hoursRegime === 'exempt' && c.exemptionGround) {
    out.push({ text: `Motif de la dispense : ${exemptionGroundLabels[c.exemptionGround]}` });
  }
  return out;
}

function planTable(v: ContractVersion): Content {
  if (v.plan.length === 0) return { text: 'Aucune étape.', italics: true };
  const body: TableCell[][] = [pdfHeaderCells(['Objectif', 'Étape', 'Heures / semaine', 'Du', 'Au'])];
  for (const s of v.plan) {
    body.push([
      pdfText(s.objectiveLabel ?? s.objectiveId),
      { text: [{ text: pdfText(s.label), bold: true }, `\n${planStepKindLabels[s.kind]}`] },
      { text: `${fr(s.weeklyHours)} h`, alignment: 'right' },
      pdfDate(s.startDate),
      pdfDate(s.endDate),
    ]);
  }
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: ['*', '*', 60, 56, 56], body },
    layout: pdfTableLines,
  };
}

function weeksTable(v: ContractVersion, minimum: number): Content {
  if (v.weeks.length === 0) return { text: 'Aucune semaine.', italics: true };
  const body: TableCell[][] = [pdfHeaderCells(['Semaine', 'Du', 'Au', 'Heures prévues', ''])];
  v.weeks.forEach((w, i) => {
    body.push([
      String(i + 1),
      pdfDate(w.weekStart),
      pdfDate(w.weekEnd),
      { text: `${fr(w.hours)} h`, alignment: 'right', bold: w.underMinimum },
      w.underMinimum ? `sous ${fr(minimum)} h` : '',
    ]);
  });
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: [50, 70, 70, 80, '*'], body },
    layout: pdfTableLines,
    fontSize: 9,
  };
}

function signatureBlock(v: ContractVersion): Content {
  const agent = v.agentSignedAt
    ? `Signé le ${pdfStamp(v.agentSignedAt)}${v.agentSignedByName ? ` par ${v.agentSignedByName}` : ''}`
    : 'Pas encore signé';
  const person = v.personSignedAt
    ? `Signé le ${pdfStamp(v.personSignedAt)} ${v.personSignatureMethod === 'beneficiary_space' ? 'depuis son espace personnel (code à usage unique)' : 'sur place, à l’écran'}`
    : 'Pas encore signé';
  return {
    table: {
      widths: ['*', '*'],
      body: [
        pdfHeaderCells(['Pour la structure référente', 'La personne accompagnée']),
        [pdfText(agent), pdfText(person)],
      ],
    },
    layout: pdfTableLines,
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
            { text: pdfText(p.departmentName), fontSize: 15, bold: true },
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
            pdfText(p.person.name),
            `Née ou né le ${pdfDate(p.person.birthDate)}`,
            ...(p.person.claimNumber ? [`Dossier n° ${p.person.claimNumber}`] : []),
            ...p.person.addressLines.map(pdfText),
          ],
        },
        {
          width: '*',
          stack: [
            { text: 'La structure référente', bold: true },
            pdfText(p.structure?.name ?? c.structureName ?? '—'),
            ...(p.structure?.address ? [pdfText(p.structure.address)] : []),
            ...[
              p.structure?.phone ? `Tél. : ${p.structure.phone}` : null,
              p.structure?.email ? `E-mail : ${p.structure.email}` : null,
            ]
              .filter((x): x is string => Boolean(x))
              .map(pdfText),
            pdfText(`Référent unique : ${p.referentName ?? c.referentName ?? 'à désigner'}`),
          ],
        },
      ],
    },
    heading('Durée'),
    {
      text: `Du ${pdfDate(v.content.startDate)} au ${pdfDate(v.content.endDate)} (${c.durationLabel || '—'}).`,
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
  return renderPdf(pdfDocument({ title, margins: [56, 48, 56, 56], fontSize: 10.5, content }));
}
