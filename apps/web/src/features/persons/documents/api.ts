import { api, type DocumentContentType, type DocumentKind, type PersonDocument } from '@parcours/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, hrefOf, upload } from '../../../lib/client';
import type { UploadTransfer } from '../../../ui';
import { personKeys } from '../api';

export const documentKeys = {
  list: (personId: string) => ['persons', 'documents', personId] as const,
};

/** The documents of a person's file (in use and withdrawn). */
export function usePersonDocuments(personId: string) {
  return useQuery({
    queryKey: documentKeys.list(personId),
    queryFn: ({ signal }) =>
      call(api.documents.list, { params: { id: personId }, signal, redirectOnForbidden: false }),
    retry: false,
    // Each reading is audited server-side: no refetch behind the user's back.
    staleTime: 60_000,
  });
}

/** The link that downloads a document (the server traces each download). */
export function documentHref(doc: Pick<PersonDocument, 'personId' | 'id'>): string {
  return hrefOf(api.documents.download, { params: { id: doc.personId, documentId: doc.id } });
}

export function uploadDocument(
  personId: string,
  input: { file: File; contentType: DocumentContentType; kind: DocumentKind; label: string | null },
  transfer: UploadTransfer,
): Promise<PersonDocument> {
  return upload(api.documents.upload, {
    params: { id: personId },
    query: { kind: input.kind, label: input.label ?? undefined, fileName: input.file.name },
    body: input.file,
    contentType: input.contentType,
    signal: transfer.signal,
    onUploadProgress: transfer.onUploadProgress,
    onUploaded: transfer.onUploaded,
  });
}

/** After a change: the list and the file (its timeline) are read again. */
export function useRefreshDocuments(personId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: documentKeys.list(personId) });
    await queryClient.invalidateQueries({ queryKey: personKeys.file(personId) });
  };
}

export function useWithdrawDocument(personId: string) {
  const refresh = useRefreshDocuments(personId);
  return useMutation({
    mutationFn: (input: { documentId: string; reason: string; version: number }) =>
      call(api.documents.withdraw, {
        params: { id: personId, documentId: input.documentId },
        body: { reason: input.reason, version: input.version },
      }),
    onSuccess: refresh,
  });
}
