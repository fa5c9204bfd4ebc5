import { z } from 'zod';

/**
 * Documents attached to a person's file (issue 11, point 6): identity papers, CV, certificates, a
 * scanned signed contract… PDF, JPEG or PNG, 10 MB at most, checked by their content. The file is
 * sent as the raw body of the upload; its kind, title and name travel in the query string.
 */

export const documentKinds = [
  'identity',
  'cv',
  'certificate',
  'signed_contract',
  'proof_of_address',
  'other',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documentKindLabels: Record<DocumentKind, string> = {
  identity: 'Pièce d’identité',
  cv: 'CV',
  certificate: 'Attestation ou certificat',
  signed_contract: 'Contrat signé (copie numérisée)',
  proof_of_address: 'Justificatif de domicile',
  other: 'Autre document',
};

/** The accepted types, as the browser declares them and as the content must prove them. */
export const documentContentTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentContentType = (typeof documentContentTypes)[number];

export const documentContentTypeLabels: Record<DocumentContentType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'image JPEG',
  'image/png': 'image PNG',
};

/** 10 MB: the largest document accepted (a scan of a few pages). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** The file input's `accept`. */
export const documentAccept = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

export const DOCUMENT_TOO_LARGE = 'Le fichier dépasse la taille maximale de 10 Mo.';
export const DOCUMENT_EMPTY = 'Le fichier est vide.';
export const DOCUMENT_WRONG_TYPE = 'Seuls les fichiers PDF, JPEG et PNG sont acceptés.';

const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** The query of an upload: what the document is, its title, the name of the file chosen. */
export const documentUploadQuerySchema = z.object({
  kind: z.enum(documentKinds, { message: 'Choisissez le type de document.' }),
  label: z.preprocess(
    emptyToNull,
    z.string().trim().max(200, { message: 'Le titre fait 200 caractères au maximum.' }).nullable().optional(),
  ),
  fileName: z
    .string({ message: 'Le nom du fichier est obligatoire.' })
    .trim()
    .min(1, { message: 'Le nom du fichier est obligatoire.' })
    .max(255, { message: 'Le nom du fichier fait 255 caractères au maximum.' }),
});
export type DocumentUploadQuery = z.input<typeof documentUploadQuerySchema>;

export const documentParamsSchema = z.object({
  id: z.uuid({ message: 'Identifiant invalide.' }),
  documentId: z.uuid({ message: 'Identifiant de document invalide.' }),
});

export const documentWithdrawSchema = z.object({
  reason: z
    .string({ message: 'Le motif du retrait est obligatoire.' })
    .trim()
    .min(1, { message: 'Le motif du retrait est obligatoire.' })
    .max(500, { message: 'Le motif fait 500 caractères au maximum.' }),
  version: z
    .number({ message: 'Version attendue (nombre entier).' })
    .int({ message: 'Version attendue (nombre entier).' })
    .min(0, { message: 'Version invalide.' })
    .max(2147483647, { message: 'Version invalide.' }),
});
export type DocumentWithdraw = z.infer<typeof documentWithdrawSchema>;

export const personDocumentSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  kind: z.enum(documentKinds),
  label: z.string().nullable(),
  fileName: z.string(),
  contentType: z.enum(documentContentTypes),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawnByName: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  version: z.number().int(),
});
export type PersonDocument = z.infer<typeof personDocumentSchema>;

/** The documents of a file: those in use, and those withdrawn (their trace, without the file). */
export const personDocumentListSchema = z.object({
  items: z.array(personDocumentSchema),
  withdrawn: z.array(personDocumentSchema),
});
export type PersonDocumentList = z.infer<typeof personDocumentListSchema>;
