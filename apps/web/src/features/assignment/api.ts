import {
  type AssignPersonsInput,
  api,
  type ChangeReferentInput,
  type PortfolioCapSetInput,
} from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../lib/client';

/** Référent unique: the structures' inboxes, portfolio caps, a person's référents. */
export const assignmentKeys = {
  all: ['assignment'] as const,
  structures: ['assignment', 'structures'] as const,
  inbox: (structureId: string | null) => ['assignment', 'inbox', structureId ?? 'own'] as const,
  caps: ['assignment', 'caps'] as const,
  person: (personId: string) => ['assignment', 'person', personId] as const,
};

export function useAssignmentStructures() {
  return useQuery({
    queryKey: assignmentKeys.structures,
    queryFn: ({ signal }) => call(api.accompaniment.assignmentStructures, { signal }),
  });
}

export function useAssignmentInbox(structureId: string | null, enabled = true) {
  return useQuery({
    queryKey: assignmentKeys.inbox(structureId),
    enabled,
    queryFn: ({ signal }) =>
      call(api.accompaniment.assignmentInbox, { query: structureId ? { structureId } : {}, signal }),
  });
}

export const assignPersons = (body: AssignPersonsInput) => call(api.accompaniment.assignPersons, { body });

export function usePortfolioCaps() {
  return useQuery({
    queryKey: assignmentKeys.caps,
    queryFn: ({ signal }) => call(api.accompaniment.portfolioCaps, { signal }),
  });
}

export const addPortfolioCaps = (body: PortfolioCapSetInput) =>
  call(api.accompaniment.addPortfolioCaps, { body });

export function usePersonReferents(personId: string) {
  return useQuery({
    queryKey: assignmentKeys.person(personId),
    queryFn: ({ signal }) => call(api.accompaniment.personReferents, { params: { id: personId }, signal }),
  });
}

export const changeReferent = (personId: string, body: ChangeReferentInput) =>
  call(api.accompaniment.changeReferent, { params: { id: personId }, body });
