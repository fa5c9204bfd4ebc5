import { auditActionGroups, auditFilterSchema } from '@parcours/contracts';
import { useRef, useState } from 'react';
import { type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import { Button, FilterForm, FormAlert, SelectField, TextField } from '../../ui';
import { AgentPicker, PersonPicker } from './AuditPickers';
import type { AuditFilters } from './api';
import type { PickerChoice } from './SearchPicker';

/** The action select: French labels, in the groups of the contracts. */
const actionGroups = Object.values(auditActionGroups).map((group) => ({
  label: group.label,
  options: Object.entries(group.actions)
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'fr')),
}));

/**
 * The journal's filters: a person (through the person search), an agent, an action, a period.
 * `names` carries what the page knows of the chosen person and agent (their names).
 */
export function AuditFilterForm({
  filters,
  names,
  onApply,
}: {
  filters: AuditFilters;
  names: { person: string | null; agent: string | null };
  onApply: (filters: AuditFilters) => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [person, setPerson] = useState<PickerChoice | null>(
    filters.personId ? { id: filters.personId, label: names.person ?? 'Personne choisie' } : null,
  );
  const [agent, setAgent] = useState<PickerChoice | null>(
    filters.actorAccountId ? { id: filters.actorAccountId, label: names.agent ?? 'Agent choisi' } : null,
  );
  const [action, setAction] = useState<string>(filters.action ?? '');
  const [from, setFrom] = useState(filters.from ?? '');
  const [to, setTo] = useState(filters.to ?? '');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);

  // The names arrive with the first page of the journal: shown once known.
  const personShown =
    person && person.id === filters.personId && names.person ? { ...person, label: names.person } : person;
  const agentShown =
    agent && agent.id === filters.actorAccountId && names.agent ? { ...agent, label: names.agent } : agent;

  function submit() {
    const values = {
      personId: person?.id,
      actorAccountId: agent?.id,
      action: action || undefined,
      from: from || undefined,
      to: to || undefined,
    };
    const result = validate(auditFilterSchema, values);
    if (!result.ok) {
      setErrors({ message: null, fields: result.errors.fields });
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(noErrors);
    onApply(result.data);
  }

  const anyFilter = Object.values(filters).some(Boolean);

  return (
    <FilterForm
      formRef={formRef}
      label="Recherche dans le journal"
      onSubmit={submit}
      className="audit-filters"
    >
      <FormAlert
        title="La recherche n’a pas été lancée"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <PersonPicker chosen={personShown} onChoose={setPerson} />
      <AgentPicker chosen={agentShown} onChoose={setAgent} />
      <SelectField
        label="Action"
        name="action"
        className="filters__wide"
        optional
        placeholder="Toutes les actions"
        groups={actionGroups}
        value={action}
        onChange={setAction}
        error={errors.fields.action}
      />
      <TextField
        label="Du"
        name="from"
        type="date"
        optional
        hint="Premier jour de la période."
        value={from}
        onChange={setFrom}
        error={errors.fields.from}
      />
      <TextField
        label="Au"
        name="to"
        type="date"
        optional
        hint="Dernier jour de la période, inclus."
        value={to}
        onChange={setTo}
        error={errors.fields.to}
      />
      <div className="filters__actions">
        <Button type="submit">Rechercher</Button>
        {anyFilter ? (
          <Button variant="tertiary" onClick={() => onApply({})}>
            Effacer la recherche
          </Button>
        ) : null}
      </div>
    </FilterForm>
  );
}
