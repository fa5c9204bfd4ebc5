import { type Account, type PersonSummary, roleLabels } from '@parcours/contracts';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { usePersonSearch } from '../persons/api';
import { bornWord, personName } from '../persons/labels';
import { useAccounts } from './api';
import { type PickerChoice, SearchPicker } from './SearchPicker';

/** « Josiane FLEURY, née le 12/04/1988 ». */
export const personChoiceLabel = (
  p: Pick<PersonSummary, 'firstName' | 'usualName' | 'birthName' | 'sex' | 'birthDate'>,
) => `${personName(p)}, ${bornWord(p.sex)} le ${formatDate(p.birthDate)}`;

/** The person, found through the normal person search (name, birth date, CAF claim number). */
export function PersonPicker({
  chosen,
  onChoose,
}: {
  chosen: PickerChoice | null;
  onChoose: (choice: PickerChoice | null) => void;
}) {
  const [q, setQ] = useState('');
  const search = usePersonSearch(q);
  return (
    <SearchPicker<PersonSummary>
      label="Personne"
      name="personne"
      hint="Nom, prénom, date de naissance (JJ/MM/AAAA) ou n° de dossier CAF, puis choisissez la personne dans la liste. Laissez vide pour toutes les personnes."
      chosen={chosen}
      onChoose={onChoose}
      search={setQ}
      results={q ? search.data : undefined}
      pending={Boolean(q) && search.isFetching}
      failed={search.isError}
      choiceOf={(p) => ({ id: p.id, label: personChoiceLabel(p) })}
      detailOf={(p) =>
        [p.claimNumber ? `dossier n° ${p.claimNumber}` : null, p.communeName].filter(Boolean).join(' · ')
      }
      emptyText="Aucune personne ne correspond à cette recherche."
    />
  );
}

export const agentChoiceLabel = (a: Pick<Account, 'displayName' | 'email'>) =>
  `${a.displayName} (${a.email})`;

/** The agent, by name or e-mail among the département's accounts. */
export function AgentPicker({
  chosen,
  onChoose,
}: {
  chosen: PickerChoice | null;
  onChoose: (choice: PickerChoice | null) => void;
}) {
  const [q, setQ] = useState('');
  const accounts = useAccounts({ q: q || undefined });
  return (
    <SearchPicker<Account>
      label="Agent"
      name="agent"
      hint="Nom ou adresse e-mail de l’agent, puis choisissez-le dans la liste. Laissez vide pour tous les agents."
      chosen={chosen}
      onChoose={onChoose}
      search={setQ}
      results={q ? accounts.data?.slice(0, 20) : undefined}
      pending={Boolean(q) && accounts.isFetching}
      failed={accounts.isError}
      choiceOf={agentChoiceLabelOf}
      detailOf={(a) => roleLabels[a.role]}
      emptyText="Aucun agent ne correspond à cette recherche."
    />
  );
}

const agentChoiceLabelOf = (a: Account) => ({ id: a.id, label: agentChoiceLabel(a) });
