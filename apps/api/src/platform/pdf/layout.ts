import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';

/** Pieces shared by the documents' layouts (contract, PMSMP convention…): one look for every PDF. */
export const pdfDate = (d: string) => d.slice(0, 10).split('-').reverse().join('/');
/** Thin spaces (French number formatting) print as no-break spaces; line ends are normalised. */
export const pdfText = (text: string) => text.replace(/[\u202f\u2009]/g, '\u00a0').replace(/\r\n?/g, '\n');
/** A moment as Paris reads it: "02/12/2026 14:03". */
export const pdfStamp = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
export const pdfHeading = (text: string, spaceAbove = 14): Content => ({
  text,
  bold: true,
  fontSize: 12,
  margin: [0, spaceAbove, 0, 4],
});
/** Thin grey rules for tables. */
export const pdfTableLines = {
  hLineWidth: () => 0.6,
  vLineWidth: () => 0.6,
  hLineColor: () => '#555555',
  vLineColor: () => '#555555',
};
export const pdfHeaderCells = (labels: string[]): TableCell[] =>
  labels.map((h) => ({ text: h, bold: true, fillColor: '#eeeeee' }));

/** An A4 document of Parcours: its title in the metadata and in the footer with the page numbers. */
export function pdfDocument(opts: {
  title: string;
  margins: [number, number, number, number];
  fontSize: number;
  content: Content[];
}): TDocumentDefinitions {
  return {
    info: { title: opts.title, author: 'Parcours', creator: 'Parcours' },
    pageSize: 'A4',
    pageMargins: opts.margins,
    defaultStyle: { font: 'Roboto', fontSize: opts.fontSize, lineHeight: 1.2 },
    footer: (current, total) => ({
      text: `${opts.title} — page ${current} sur ${total}`,
      alignment: 'center',
      fontSize: 8,
      color: '#555555',
    }),
    content: opts.content,
  };
}
