import { agreeText } from '@parcours/contracts';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { renderPdf } from '../../../../platform/pdf/render';
import { DECISION_NOTICE, RIGHTS_AND_DUTIES_NOTICE } from '../../domain/defaults';
import { frenchDate } from '../../domain/format';

/** One letter as printed: its text was rendered when the message was created. */
export interface PrintableLetter {
  id: string;
  /** Name line then postal lines. */
  recipientLines: string[];
  subject: string | null;
  body: string;
  departmentName: string;
  hubName: string | null;
  issuePlace: string;
  issuedOn: string;
  reference: string | null;
  notice: 'rights_and_duties' | 'decision' | null;
  /** The pôle's or structure's address, phone and e-mail, printed under the sender. */
  contact: { name: string; address: string | null; phone: string | null; email: string | null } | null;
  /** The person's sex, for the notice's agreement ("soumise aux droits et devoirs"); null when unknown. */
  sex?: 'M' | 'F' | null;
}

function contactLines(contact: PrintableLetter['contact']): Content[] {
  if (!contact) return [];
  const reach = [
    contact.phone ? `Tél. : ${contact.phone}` : null,
    contact.email ? `E-mail : ${contact.email}` : null,
  ].filter(Boolean);
  const lines = [contact.name, contact.address, reach.join(' · ') || null].filter((l): l is string =>
    Boolean(l),
  );
  return lines.map((text, i) => ({
    text: clean(text),
    fontSize: 9,
    color: '#333333',
    margin: [0, i === 0 ? 6 : 0, 0, 0] as [number, number, number, number],
  }));
}

/** Characters the font lacks become their closest printable form. */
function clean(text: string): string {
  return text.replace(/[\u202f\u2009]/g, '\u00a0').replace(/\r\n?/g, '\n');
}

function paragraphs(body: string): Content[] {
  return clean(body)
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ text: p, margin: [0, 0, 0, 8] as [number, number, number, number] }));
}

function letterContent(l: PrintableLetter, first: boolean): Content[] {
  const notice =
    l.notice === 'rights_and_duties'
      ? RIGHTS_AND_DUTIES_NOTICE
      : l.notice === 'decision'
        ? DECISION_NOTICE
        : null;
  const content: Content[] = [
    {
      columns: [
        {
          width: '*',
          stack: [
            { text: 'Conseil départemental', fontSize: 9, color: '#444444' },
            { text: clean(l.departmentName), fontSize: 15, bold: true },
            { text: "Direction de l'insertion", fontSize: 10, margin: [0, 2, 0, 0] },
            l.hubName ? { text: clean(`Pôle d'insertion ${l.hubName}`), fontSize: 10 } : { text: '' },
            ...contactLines(l.contact),
          ],
        },
        {
          width: 230,
          margin: [0, 60, 0, 0],
          stack: l.recipientLines.map((line, i) => ({ text: clean(line), bold: i === 0 })),
        },
      ],
      ...(first ? {} : { pageBreak: 'before' as const }),
    },
    {
      text: clean(`${l.issuePlace}, le ${frenchDate(l.issuedOn)}`),
      alignment: 'right',
      margin: [0, l.contact ? 24 : 36, 0, 16],
    },
  ];
  if (l.reference)
    content.push({ text: `Référence : dossier n° ${l.reference}`, fontSize: 9, margin: [0, 0, 0, 4] });
  if (l.subject) {
    content.push({
      text: [
        { text: 'Objet : ', bold: true },
        { text: clean(l.subject), bold: true },
      ],
      margin: [0, 0, 0, 16],
    });
  }
  content.push(...paragraphs(l.body));
  if (notice) {
    content.push({
      margin: [0, 6, 0, 12],
      table: {
        widths: ['*'],
        body: [
          [
            {
              stack: [
                { text: notice.title, bold: true, margin: [0, 0, 0, 4] },
                { text: clean(agreeText(notice.text, l.sex)), fontSize: 9 },
              ],
              margin: [6, 6, 6, 6],
            },
          ],
        ],
      },
      layout: {
        hLineWidth: () => 0.8,
        vLineWidth: () => 0.8,
        hLineColor: () => '#333333',
        vLineColor: () => '#333333',
        fillColor: () => '#f2f2f2',
      },
    });
  }
  content.push({
    margin: [240, 12, 0, 0],
    stack: [
      { text: 'Pour le Président du Conseil départemental et par délégation,', fontSize: 10 },
      {
        text: clean(
          l.hubName ? `Le responsable du pôle d'insertion ${l.hubName}` : "La direction de l'insertion",
        ),
        fontSize: 10,
        margin: [0, 4, 0, 0],
      },
    ],
  });
  return content;
}

/** One PDF with every letter, each starting on a new page. */
export async function lettersPdf(letters: PrintableLetter[], title: string): Promise<Buffer> {
  const doc: TDocumentDefinitions = {
    info: { title, author: 'Parcours', creator: 'Parcours' },
    pageSize: 'A4',
    pageMargins: [56, 48, 56, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2 },
    content:
      letters.length > 0
        ? letters.flatMap((l, i) => letterContent(l, i === 0))
        : [{ text: clean(`${title} : aucun courrier à imprimer.`), fontSize: 12 }],
  };
  return renderPdf(doc);
}
