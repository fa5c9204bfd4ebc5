import { api, type SignatureCodeAnswer } from '@parcours/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, hrefOf } from '../../lib/client';

export const spaceKeys = {
  overview: ['space', 'overview'] as const,
  contracts: (personId: string) => ['space', 'contracts', personId] as const,
  contract: (id: string) => ['space', 'contract', id] as const,
  documents: (personId: string) => ['space', 'documents', personId] as const,
};

export function useSpaceOverview() {
  return useQuery({
    queryKey: spaceKeys.overview,
    queryFn: ({ signal }) => call(api.space.overview, { signal }),
  });
}

/** The person's contracts (read through the contracts' routes, scoped to the person). */
export function useMyContracts(personId: string) {
  return useQuery({
    queryKey: spaceKeys.contracts(personId),
    queryFn: ({ signal }) =>
      call(api.contracts.listForPerson, { params: { id: personId }, signal, redirectOnForbidden: false }),
  });
}

export function useMyContract(id: string) {
  return useQuery({
    queryKey: spaceKeys.contract(id),
    queryFn: ({ signal }) => call(api.contracts.get, { params: { id }, signal, redirectOnForbidden: false }),
  });
}

export const contractPdfHref = (id: string, number: number) =>
  hrefOf(api.contracts.pdf, { params: { id, number } });

export function useMyDocuments(personId: string) {
  return useQuery({
    queryKey: spaceKeys.documents(personId),
    queryFn: ({ signal }) =>
      call(api.documents.list, { params: { id: personId }, signal, redirectOnForbidden: false }),
  });
}

export const documentHref = (personId: string, documentId: string) =>
  hrefOf(api.documents.download, { params: { id: personId, documentId } });

export function useReportAbsence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { appointmentId: string; reason: string }) =>
      call(api.space.reportAbsence, { params: { id: input.appointmentId }, body: { reason: input.reason } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: spaceKeys.overview }),
  });
}

export function requestSignatureCode(channel: 'sms' | 'email'): Promise<SignatureCodeAnswer> {
  return call(api.space.requestSignatureCode, { body: { channel } });
}

export function useSignContract(contractId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      versionNumber: number;
      contentHash: string;
      code: string;
      statementAccepted: boolean;
    }) =>
      call(api.contracts.signInSpace, {
        params: { id: contractId },
        // The server refuses an unticked statement with its own message, shown under the box.
        body: { ...input, statementAccepted: input.statementAccepted as true },
      }),
    onSuccess: (detail) => {
      queryClient.setQueryData(spaceKeys.contract(contractId), detail);
      return queryClient.invalidateQueries({ queryKey: ['space', 'contracts'] });
    },
  });
}
