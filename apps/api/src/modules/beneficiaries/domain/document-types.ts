import {
  DOCUMENT_WRONG_TYPE,
  type DocumentContentType,
  documentContentTypeLabels,
  documentContentTypes,
} from '@parcours/contracts';

/**
 * What a document is, told by its first bytes (never by its name or the type the browser
 * declares), and the name it is stored and downloaded under.
 */

const signatures: { type: DocumentContentType; bytes: number[] }[] = [
  // "%PDF-"
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The type the content proves by its signature (magic bytes), or null for any other file. */
export function detectDocumentType(content: Uint8Array): DocumentContentType | null {
  for (const s of signatures) {
    if (content.length >= s.bytes.length && s.bytes.every((b, i) => content[i] === b)) return s.type;
  }
  return null;
}

/** The declared type of a request (`Content-Type`), without parameters; null when not accepted. */
export function declaredDocumentType(header: string | undefined): DocumentContentType | null {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  return (documentContentTypes as readonly string[]).includes(type) ? (type as DocumentContentType) : null;
}

/** Why the content is refused against the declared type, in French; null when they agree. */
export function contentTypeProblem(
  declared: DocumentContentType,
  detected: DocumentContentType | null,
): string | null {
  if (!detected)
    return `${DOCUMENT_WRONG_TYPE} Le contenu de ce fichier n’est ni un PDF, ni une image JPEG ou PNG.`;
  if (detected !== declared)
    return `Le contenu du fichier (${documentContentTypeLabels[detected]}) ne correspond pas au type annoncé (${documentContentTypeLabels[declared]}).`;
  return null;
}

const extensions: Record<DocumentContentType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
};

const MAX_NAME = 120;

/**
 * A file name safe to store and to offer for download: no folder, no control or reserved
 * character (`/ \ : * ? " < > |`), no leading dot, at most 120 characters, and the extension of
 * its real type ("scan" holding a PDF becomes "scan.pdf").
 */
export function sanitiseFileName(raw: string, type: DocumentContentType): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  let stem = dot > 0 && extensions[type].includes(ext) ? name.slice(0, dot) : name;
  const suffix = `.${extensions[type].includes(ext) ? ext : extensions[type][0]}`;
  stem = stem.replace(/[.\s]+$/, '');
  if (!stem) stem = 'document';
  name = `${[...stem]
    .slice(0, MAX_NAME - suffix.length)
    .join('')
    .trim()}${suffix}`;
  return name;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._ -]/g, '_')
      .trim() || 'document';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
