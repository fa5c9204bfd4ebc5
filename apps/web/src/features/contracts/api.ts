import {
  api,
  type ContractContentInput,
  type ContractDetail,
  type DiagnosticReferential,
} from '@parcours/contracts';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { call, hrefOf } from '../../lib/client';

const routes = api.contracts;

export const contractKeys = {
  all: ['contracts'] as const,
  person: (personId: string) => ['contracts', 'person', personId] as const,
  contract: (id: string) => ['contracts', 'contract', id] as const,
};

/** A person's contracts, with what the system knows of the household (regime proposal) and the référent. */
export function usePersonContracts(personId: string, enabled = true) {
  return useQuery({
    queryKey: contractKeys.person(personId),
    // A refusal is shown in place, not by the global "Accès refusé" redirect.
    queryFn: ({ signal }) =>
      call(routes.listForPerson, { params: { id: personId }, signal, redirectOnForbidden: false }),
    enabled,
    retry: false,
    // Each reading is audited: no refetch behind the user's back.
    staleTime: 30_000,
    refetchOnWindowFocus: false,
  });
}

export function useContract(id: string) {
  return useQuery({
    queryKey: contractKeys.contract(id),
    queryFn: ({ signal }) => call(routes.get, { params: { id }, signal, redirectOnForbidden: false }),
    retry: false,
    staleTime: 30_000,
    refetchOnWindowFocus: false,
  });
}

/** An objective of the national list, as the referential gives it per theme (when it does). */
export interface ReferentialObjective {
  id: string;
  label: string;
  active?: boolean;
}

/** The objectives of each theme; a referential without objectives yet gives no group. */
export function objectiveGroups(referential: DiagnosticReferential | undefined) {
  return (referential?.themes ?? [])
    .map((theme) => {
      const objectives = (theme as { objectives?: ReferentialObjective[] }).objectives ?? [];
      return {
        label: theme.label,
        options: objectives.filter((o) => o.active !== false).map((o) => ({ value: o.id, label: o.label })),
      };
    })
    .filter((group) => group.options.length > 0);
}

export const createContract = (personId: string, content: ContractContentInput) =>
  call(routes.create, { params: { id: personId }, body: { content, renewsContractId: null } });

/** `version`: the row version of the version being drafted. */
export const saveDraft = (id: string, content: ContractContentInput, version: number) =>
  call(routes.updateDraft, { params: { id }, body: { content, version } });

export type ContractMove = 'proposed' | 'draft' | 'cancelled' | 'ended';

/** `version`: the contract's row version. */
export const moveContract = (
  id: string,
  to: ContractMove,
  version: number,
  reason: string | null = null,
  refusal: { refusedOn: string; statement: string } | null = null,
) => call(routes.transition, { params: { id }, body: { to, version, reason, refusal } });

export const signContract = (
  contract: ContractDetail,
  party: 'agent' | 'person_on_screen',
  signed: { versionNumber: number; contentHash: string },
  statementAccepted = false,
) =>
  call(routes.sign, {
    params: { id: contract.id },
    body: { party, ...signed, statementAccepted, version: contract.version },
  });

export const amendContract = (id: string) => call(routes.amend, { params: { id } });

export const contractPdfHref = (id: string, number: number) => hrefOf(routes.pdf, { params: { id, number } });

/** After a change: the contract's page gets the answer at once, the person's list is read again. */
export async function contractChanged(queryClient: QueryClient, detail: ContractDetail) {
  queryClient.setQueryData(contractKeys.contract(detail.id), detail);
  await queryClient.invalidateQueries({ queryKey: contractKeys.person(detail.personId) });
}
