import {
  type ContractContentInput,
  type ContractDetail,
  type ContractVersion,
  contractContentSchema,
  type PersonContracts,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import { todayIso } from '../../lib/format';
import { type FieldErrors, validate } from '../../lib/forms';
import {
  Button,
  LeaveGuard,
  Section,
  TextAreaField,
  TextField,
  useVersionedForm,
  VersionedFormAlerts,
} from '../../ui';
import { useDiagnosticReferential } from '../orientation/api';
import { contractChanged, createContract, moveContract, objectiveGroups, saveDraft } from './api';
import { contractApiError } from './api-errors';
import {
  type ContractValues,
  contentFromValues,
  contractFieldNames,
  durationInFrench,
  livePlan,
  newContractValues,
  regimeErrors,
  valuesFromContent,
} from './draft';
import { PlanStepsEditor } from './PlanStepsEditor';
import { RegimeFields } from './RegimeFields';
import { WeeklyChart } from './WeeklyChart';

const contentForm = z.object({ content: contractContentSchema });

/** The version being drafted of a contract (its current one, in draft). */
export const draftOf = (detail: ContractDetail) =>
  detail.versions.find((v) => v.number === detail.currentVersionNo && v.status === 'draft') ?? null;

type Mode = 'save' | 'propose';

/**
 * The editor of a draft version (a new contract when `contract` is null): dates, commitments, the
 * action plan and the 15-hour planner computed as the agent types. Saving keeps the draft; proposing
 * freezes it for signature. Two agents on one draft: the second gets the conflict, keeps the input.
 */
export function ContractEditor({
  personId,
  contract,
  draft,
  context,
  refetch,
  onSaved,
}: {
  personId: string;
  contract: ContractDetail | null;
  draft: ContractVersion | null;
  context: PersonContracts;
  refetch: () => Promise<unknown>;
  onSaved: (detail: ContractDetail, mode: Mode) => void;
}) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<ContractValues>(() =>
    draft ? valuesFromContent(draft.content) : newContractValues(todayIso(), context.referentName),
  );
  const [saved, setSaved] = useState(() => (draft ? JSON.stringify(values) : null));
  const dirty = JSON.stringify(values) !== saved;
  const minimum = contract?.minimumWeeklyHours ?? context.minimumWeeklyHours;
  const weeks = livePlan(values, minimum);
  const duration = durationInFrench(values.startDate, values.endDate);
  const referential = useDiagnosticReferential();
  const objectives = objectiveGroups(referential.data);
  const form = useVersionedForm(contractFieldNames(values.plan.length));

  // A new contract, once created here, is the one later saves and proposals go to.
  const [created, setCreated] = useState<ContractDetail | null>(null);
  const current = contract ?? created;
  const submit = useMutation({
    mutationFn: async ({ mode, content }: { mode: Mode; content: ContractContentInput }) => {
      const sent = JSON.stringify(values);
      const stored = async (detail: ContractDetail) => {
        setCreated(detail);
        setSaved(sent);
        await contractChanged(queryClient, detail);
        return detail;
      };
      let detail = current;
      if (!detail) detail = await stored(await createContract(personId, content));
      else if (dirty)
        detail = await stored(await saveDraft(detail.id, content, draftOf(detail)?.version ?? 0));
      if (mode === 'propose')
        detail = await stored(await moveContract(detail.id, 'proposed', detail.version));
      return { detail, mode };
    },
    onSuccess: ({ detail, mode }) => onSaved(detail, mode),
    onError: (error) => form.onSaveError(contractApiError(error)),
  });

  const [lastMode, setLastMode] = useState<Mode>('save');
  const set = (patch: Partial<ContractValues>) => setValues((v) => ({ ...v, ...patch }));

  function send(mode: Mode) {
    submit.reset();
    setLastMode(mode);
    const content = contentFromValues(values);
    const checked = validate(contentForm, { content });
    const fields: FieldErrors = checked.ok ? {} : { ...checked.errors.fields };
    if (values.endDate && values.startDate && values.endDate < values.startDate) {
      fields['content.endDate'] ??= 'La date de fin doit être le jour du début ou après.';
    }
    if (mode === 'propose') {
      if (!values.bodyCommitments.trim())
        fields['content.bodyCommitments'] ??= 'Engagements de la structure : obligatoires pour proposer.';
      if (!values.personCommitments.trim())
        fields['content.personCommitments'] ??= 'Engagements de la personne : obligatoires pour proposer.';
      for (const [key, message] of Object.entries(regimeErrors(values, weeks, context.household, minimum)))
        fields[key] ??= message;
    }
    const ok = Object.keys(fields).length === 0;
    form.send(ok ? { ok, data: content } : { ok, errors: { message: null, fields } }, (data) =>
      submit.mutate({ mode, content: data }),
    );
  }

  const errors = form.errors.fields;
  const title =
    lastMode === 'propose'
      ? 'Le contrat n’a pas été proposé à la signature'
      : 'Le brouillon n’a pas été enregistré';

  return (
    <form
      ref={form.formRef}
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        send('save');
      }}
    >
      <LeaveGuard
        when={dirty}
        title="Quitter sans enregistrer le contrat ?"
        message="Vos modifications du contrat d’engagement ne sont pas enregistrées : elles seront perdues."
      />
      <VersionedFormAlerts title={title} form={form} save={submit} refetch={refetch} />
      <Section id="duree" title="Durée du contrat">
        <div className="form-grid">
          <TextField
            type="date"
            label="Début du contrat"
            value={values.startDate}
            onChange={(startDate) => set({ startDate })}
            error={errors['content.startDate']}
          />
          <TextField
            type="date"
            label="Fin du contrat"
            value={values.endDate}
            onChange={(endDate) => set({ endDate })}
            error={errors['content.endDate']}
          />
        </div>
        <p aria-live="polite">
          Durée : <strong>{duration ?? 'indiquez un début et une fin (la fin après le début)'}</strong>
        </p>
      </Section>
      <Section id="engagements" title="Engagements">
        <TextAreaField
          label="Engagements de la structure d’accompagnement"
          hint={
            context.referentName
              ? `Ils nomment le référent unique : ${context.referentName}.`
              : 'Ils nomment le référent unique de la personne.'
          }
          rows={4}
          maxLength={4000}
          value={values.bodyCommitments}
          onChange={(bodyCommitments) => set({ bodyCommitments })}
          error={errors['content.bodyCommitments']}
        />
        <TextAreaField
          label="Engagements de la personne"
          rows={4}
          maxLength={4000}
          value={values.personCommitments}
          onChange={(personCommitments) => set({ personCommitments })}
          error={errors['content.personCommitments']}
        />
      </Section>
      <Section id="plan" title="Plan d’action">
        <p className="muted">
          Chaque étape sert un objectif du référentiel national du diagnostic, avec ses heures par semaine,
          son début et sa fin.
        </p>
        <PlanStepsEditor
          steps={values.plan}
          onChange={(plan) => set({ plan })}
          errors={errors}
          objectives={objectives}
          contractDates={{ startDate: values.startDate, endDate: values.endDate }}
        />
      </Section>
      <Section id="heures" title="Planification des 15 heures">
        <WeeklyChart weeks={weeks} minimum={minimum} />
        <RegimeFields
          values={values}
          onChange={set}
          errors={errors}
          household={context.household}
          minimum={minimum}
        />
      </Section>
      <div className="form-actions">
        <Button type="submit" pending={submit.isPending && submit.variables?.mode === 'save'}>
          Enregistrer le brouillon
        </Button>
        <Button
          variant="secondary"
          pending={submit.isPending && submit.variables?.mode === 'propose'}
          onClick={() => send('propose')}
        >
          Proposer à la signature
        </Button>
        {dirty ? <span className="muted">Modifications non enregistrées</span> : null}
      </div>
    </form>
  );
}
