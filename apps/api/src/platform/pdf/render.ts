import { createRequire } from 'node:module';
import path from 'node:path';
import pdfMake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

// Roboto ships with pdfmake (node_modules): full French typography, nothing downloaded.
const fontDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')),
  'fonts',
);
pdfMake.addFonts({
  Roboto: {
    normal: path.join(fontDir, 'Roboto/Roboto-Regular.ttf'),
    bold: path.join(fontDir, 'Roboto/Roboto-Medium.ttf'),
    italics: path.join(fontDir, 'Roboto/Roboto-Italic.ttf'),
    bolditalics: path.join(fontDir, 'Roboto/Roboto-MediumItalic.ttf'),
  },
});
// Documents never fetch anything: no URL at all, local files only from the shipped fonts.
pdfMake.setUrlAccessPolicy(() => false);
pdfMake.setLocalAccessPolicy((p) => path.resolve(p).startsWith(fontDir));

/** Every PDF of Parcours (letters, attendance sheets…) is rendered here, with the shipped fonts. */
export function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return pdfMake.createPdf(doc).getBuffer();
}
