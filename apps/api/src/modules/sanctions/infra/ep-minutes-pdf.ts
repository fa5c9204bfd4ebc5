import {
  type EpHearing,
  type EpMemberQuality,
  type EpOpinion,
  type EpProposedOutcome,
  epHearingLabels,
  epMemberQualityLabels,
  epOpinionLabels,
  epProposedOutcomeLabels,
} from '@parcours/contracts';
import type { Content, TableCell } from 'pdfmake/interfaces';
import {
  pdfDate,
  pdfDocument,
  pdfHeaderCells,
  pdfHeading,
  pdfTableLines,
  pdfText,
} from '../../../platform/pdf/layout';
import { renderPdf } from '../../../platform/pdf/render';

/**
 * The procès-verbal of an EP session: the session, the members present and excused, and for each
 * case only the person's name, the proposal and the opinion (personal data kept to the minimum:
 * no address, no NIR, no reasoning — the reasoning stays in the case).
 */
export interface EpMinutes {
  departmentName: string;
  hubName: string;
  sessionDate: string;
  startTime: string;
  place: string;
  signedOn: string | null;
  members: { name: string; quality: EpMemberQuality; detail: string | null; present: boolean | null }[];
  cases: {
    name: string;
    proposedOutcome: EpProposedOutcome;
    opinion: EpOpinion | null;
    hearing: EpHearing | null;
  }[];
}

const quality = (m: EpMinutes['members'][number]) =>
  `${epMemberQualityLabels[m.quality]}${m.detail ? ` (${m.detail})` : ''}`;

export function epMinutesPdf(minutes: EpMinutes): Promise<Buffer> {
  const title = `Procès-verbal de l’équipe pluridisciplinaire — ${minutes.hubName} — ${pdfDate(minutes.sessionDate)}`;
  const present = minutes.members.filter((m) => m.present === true);
  const excused = minutes.members.filter((m) => m.present !== true);
  const content: Content[] = [
    { text: 'Conseil départemental', fontSize: 9, color: '#444444' },
    { text: pdfText(minutes.departmentName), fontSize: 14, bold: true },
    {
      text: 'Procès-verbal de la séance de l’équipe pluridisciplinaire',
      fontSize: 16,
      bold: true,
      margin: [0, 14, 0, 2],
    },
    {
      text: pdfText(
        `Territoire : ${minutes.hubName} — séance du ${pdfDate(minutes.sessionDate)} à ${minutes.startTime}, ${minutes.place}`,
      ),
      fontSize: 11,
    },
    pdfHeading('Membres présents'),
    present.length
      ? { ul: present.map((m) => pdfText(`${m.name} — ${quality(m)}`)) }
      : { text: 'Aucun membre présent enregistré.', italics: true },
  ];
  if (excused.length)
    content.push(pdfHeading('Membres absents ou excusés', 8), {
      ul: excused.map((m) => pdfText(`${m.name} — ${quality(m)}`)),
    });
  content.push(pdfHeading('Dossiers examinés'));
  if (minutes.cases.length === 0) {
    content.push({ text: 'Aucun dossier à l’ordre du jour.', italics: true });
  } else {
    const body: TableCell[][] = [pdfHeaderCells(['Personne', 'Proposition', 'Avis de l’EP', 'Audition'])];
    for (const c of minutes.cases)
      body.push([
        { text: pdfText(c.name), bold: true },
        epProposedOutcomeLabels[c.proposedOutcome],
        c.opinion ? epOpinionLabels[c.opinion] : 'Avis non rendu',
        c.hearing ? epHearingLabels[c.hearing] : '—',
      ]);
    content.push({
      table: { headerRows: 1, dontBreakRows: true, widths: ['*', '*', '*', 110], body },
      layout: pdfTableLines,
    });
  }
  content.push({
    text: minutes.signedOn
      ? `Procès-verbal signé le ${pdfDate(minutes.signedOn)}.`
      : 'Procès-verbal à signer par le président de séance.',
    margin: [0, 18, 0, 0],
  });
  content.push({
    text: 'Les avis de l’équipe pluridisciplinaire sont consultatifs : la décision appartient au président du conseil départemental.',
    fontSize: 8,
    color: '#555555',
    margin: [0, 8, 0, 0],
  });
  return renderPdf(pdfDocument({ title, margins: [40, 40, 40, 48], fontSize: 10, content }));
}
