import { roleScopeKind } from '@parcours/contracts';
import { useState } from 'react';
import { EmptyState, ErrorState, LiveMessage, Loading, PageHeader, Section, SelectField } from '../../ui';
import { useActor } from '../auth/session';
import { AssignForm } from './AssignForm';
import { useAssignmentInbox, useAssignmentStructures } from './api';
import { InboxTable } from './InboxTable';
import { ReferentLoads } from './ReferentLoads';

/**
 * "Affectations": the persons oriented to the structure who have no référent yet, the référents'
 * load against their cap, and the assignment of one or several persons at once. A structure
 * manager sees their structure; an administrator chooses one.
 */
export function AssignmentsPage() {
  const actor = useActor();
  const ownOnly = roleScopeKind[actor.role] === 'structure';
  const structures = useAssignmentStructures();
  const [chosen, setChosen] = useState('');
  const structureId = ownOnly ? null : chosen || null;
  const inbox = useAssignmentInbox(structureId, ownOnly || !!structureId);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title="Affectations"
        description={
          <p>
            Les personnes orientées vers la structure qui n’ont pas encore de référent unique, de la plus
            ancienne orientation à la plus récente. Le premier rendez-vous est attendu sous deux semaines, le
            contrat d’engagement sous un mois (délai légal) et deux mois (objectif de la convention).
          </p>
        }
      />
      <LiveMessage>{message}</LiveMessage>
      {!ownOnly ? (
        structures.isError ? (
          <ErrorState error={structures.error} onRetry={() => structures.refetch()} />
        ) : (
          <SelectField
            label="Structure"
            value={chosen}
            onChange={(v) => {
              setChosen(v);
              setSelected(new Set());
            }}
            placeholder={structures.isPending ? 'Chargement…' : 'Choisir une structure'}
            options={(structures.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        )
      ) : null}
      {!ownOnly && !structureId ? (
        <EmptyState title="Choisissez une structure pour voir ses personnes à affecter." />
      ) : inbox.isPending ? (
        <Loading label="Chargement des affectations…" />
      ) : inbox.isError ? (
        <ErrorState error={inbox.error} onRetry={() => inbox.refetch()} />
      ) : (
        <>
          <Section id="referents" title={`Référents de ${inbox.data.structure.name}`}>
            {inbox.data.referents.length ? (
              <ReferentLoads
                referents={inbox.data.referents}
                proposedId={inbox.data.proposedReferentId}
                capsEffectiveFrom={inbox.data.capsEffectiveFrom}
              />
            ) : (
              <EmptyState title="Aucun référent actif dans cette structure." />
            )}
          </Section>
          <Section id="a-affecter" title="Personnes à affecter">
            {inbox.data.items.length === 0 ? (
              <EmptyState title="Toutes les personnes orientées vers la structure ont un référent." />
            ) : (
              <>
                <InboxTable
                  items={inbox.data.items}
                  selected={selected}
                  onToggle={(id, checked) =>
                    setSelected((s) => {
                      const next = new Set(s);
                      if (checked) next.add(id);
                      else next.delete(id);
                      return next;
                    })
                  }
                  onToggleAll={(checked) =>
                    setSelected(checked ? new Set(inbox.data.items.map((i) => i.personId)) : new Set())
                  }
                />
                <AssignForm
                  key={`${inbox.data.structure.id}:${inbox.data.proposedReferentId ?? ''}`}
                  inbox={inbox.data}
                  selected={[...selected].filter((id) => inbox.data.items.some((i) => i.personId === id))}
                  onDone={(text) => {
                    setSelected(new Set());
                    setMessage(text);
                  }}
                />
              </>
            )}
          </Section>
        </>
      )}
    </>
  );
}
