import { createRequire } from 'node:module';
import path from 'node:path';
import type PdfMake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

// Roboto ships with pdfmake (node_modules): full French typography, nothing downloaded.
const fontDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')),
  'fonts',
);

// pdfmake and its font stack are loaded on the first PDF, not at every start of the application
// or of a command (a third of a second each time).
let printer: Promise<typeof PdfMake> | undefined;
function pdfMake() {
  printer ??= import('pdfmake').then(({ default: pdf }) => {
    pdf.addFonts({
      Roboto: {
        normal: path.join(fontDir, 'Roboto/Roboto-Regular.ttf'),
        bold: path.join(fontDir, 'Roboto/Roboto-Medium.ttf'),
        italics: path.join(fontDir, 'Roboto/Roboto-Italic.ttf'),
        bolditalics: path.join(fontDir, 'Roboto/Roboto-MediumItalic.ttf'),
      },
    });
    // Documents never fetch anything: no URL at all, local files only from the shipped fonts.
    pdf.setUrlAccessPolicy(() => false);
    pdf.setLocalAccessPolicy((p) => path.resolve(p).startsWith(fontDir));
    return pdf;
  });
  return printer;
}

/** Every PDF of Parcours (letters, attendance sheets…) is rendered here, with the shipped fonts. */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return (await pdfMake()).createPdf(doc).getBuffer();
}
