import { type DocumentContentType, documentContentTypes } from '@parcours/contracts';

const byExtension: Record<string, DocumentContentType> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** The type announced for a chosen file: the browser's, else its extension's; null when not accepted. */
export function announcedType(file: Pick<File, 'name' | 'type'>): DocumentContentType | null {
  if ((documentContentTypes as readonly string[]).includes(file.type))
    return file.type as DocumentContentType;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return file.type === '' || file.type === 'application/octet-stream' ? (byExtension[ext] ?? null) : null;
}
