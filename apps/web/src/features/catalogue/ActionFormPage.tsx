import {
  type ActionDetail,
  actionInputSchema,
  actionKindLabels,
  actionKinds,
  actionStatuses,
  actionStatusLabels,
  actionUpdateSchema,
  api,
  dataInclusionServiceTypes,
  offerAxes,
  offerAxisLabels,
  serviceTypeLabels,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { call } from '../../lib/client';
import { validate } from '../../lib/forms';
import {
  ErrorState,
  FormActions,
  Loading,
  PageHeader,
  SelectField,
  TextAreaField,
  TextField,
  useVersionedForm,
  VersionedFormAlerts,
} from '../../ui';
import { BackLink } from '../../ui/BackLink';
import { ActionListFields } from './ActionListFields';
import { ActionVocabularyFields } from './ActionVocabularyFields';
import { type ActionValues, inputOf, valuesOf } from './actionDraft';
import { catalogueKeys, useAction } from './api';

const fields = [
  'code',
  'title',
  'axis',
  'kind',
  'status',
  'grouping',
  'objectives',
  'description',
  'publicDescription',
  'targetMinAge',
  'targetMaxAge',
  'targetSex',
  'serviceType',
  'weeklyHours',
  'weeks',
  'plannedBeneficiaries',
  'plannedBeneficiariesText',
  'unitCostCents',
  'startsOn',
  'endsOn',
] as const;

export function NewActionPage() {
  return <ActionForm action={null} />;
}

export function EditActionPage() {
  const { id = '' } = useParams();
  const action = useAction(id);
  if (action.isPending) return <Loading label="Chargement de l’action…" />;
  if (action.isError) return <ErrorState error={action.error} onRetry={() => action.refetch()} />;
  return <ActionForm action={action.data} />;
}

/** Creates an action of the catalogue or edits one (every field but its budgets), version checked. */
function ActionForm({ action }: { action: ActionDetail | null }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useVersionedForm(fields);
  const [values, setValues] = useState<ActionValues>(() => valuesOf(action));
  const set = (patch: Partial<ActionValues>) => setValues((v) => ({ ...v, ...patch }));
  const e = form.errors.fields;
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof inputOf> & { version?: number }) =>
      action
        ? call(api.catalogue.updateAction, {
            params: { id: action.id },
            body: { ...body, version: body.version ?? action.version },
          })
        : call(api.catalogue.createAction, { body }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: catalogueKeys.all });
      navigate(`/catalogue/actions/${saved.id}`);
    },
    onError: form.onSaveError,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = inputOf(values);
    form.send(
      action
        ? validate(actionUpdateSchema, { ...input, version: action.version })
        : validate(actionInputSchema, input),
      save.mutate,
    );
  }

  const text = (name: keyof ActionValues & (typeof fields)[number], label: string, extra: object = {}) => (
    <TextField
      label={label}
      value={values[name] as string}
      onChange={(v) => set({ [name]: v } as Partial<ActionValues>)}
      error={e[name]}
      {...extra}
    />
  );
  const title = action ? `Modifier l’action ${action.code}` : 'Créer une action du catalogue';
  return (
    <>
      <BackLink
        fallback={
          action
            ? { to: `/catalogue/actions/${action.id}`, label: 'Retour à l’action' }
            : { to: '/catalogue', label: 'Retour au catalogue' }
        }
      />
      <PageHeader title={title} />
      <form ref={form.formRef} onSubmit={submit} noValidate className="stack">
        <p className="form-note">Les champs sans mention « facultatif » sont obligatoires.</p>
        <VersionedFormAlerts
          title={action ? 'L’action n’a pas été modifiée' : 'L’action n’a pas été créée'}
          form={form}
          save={save}
          refetch={() => queryClient.refetchQueries({ queryKey: catalogueKeys.action(action?.id ?? '') })}
        />
        <div className="form-grid">
          {text('code', 'Code', { hint: 'Par exemple 3-4', maxLength: 20 })}
          {text('title', 'Intitulé', { maxLength: 300, className: 'filters__wide' })}
          <SelectField
            label="Axe"
            value={values.axis}
            onChange={(axis) => set({ axis })}
            placeholder="Choisir un axe"
            options={offerAxes.map((a) => ({ value: String(a), label: offerAxisLabels[a]! }))}
            error={e.axis}
          />
          <SelectField
            label="Type d’action"
            value={values.kind}
            onChange={(kind) => set({ kind })}
            placeholder="Choisir un type"
            options={actionKinds.map((k) => ({ value: k, label: actionKindLabels[k] }))}
            error={e.kind}
          />
          <SelectField
            label="Statut"
            value={values.status}
            onChange={(status) => set({ status })}
            options={actionStatuses.map((s) => ({ value: s, label: actionStatusLabels[s] }))}
            error={e.status}
          />
          {text('grouping', 'Regroupement', { optional: true, maxLength: 300 })}
          <SelectField
            label="Type de service"
            optional
            value={values.serviceType}
            onChange={(serviceType) => set({ serviceType })}
            placeholder="Non renseigné"
            options={dataInclusionServiceTypes.map((t) => ({ value: t, label: serviceTypeLabels[t] }))}
            error={e.serviceType}
          />
          {text('weeklyHours', 'Heures par semaine', {
            optional: true,
            inputMode: 'decimal',
            hint: '60 au plus, par exemple 7,5',
          })}
          {text('weeks', 'Nombre de semaines', { optional: true, inputMode: 'numeric' })}
          {text('startsOn', 'Début de l’action', { optional: true, type: 'date' })}
          {text('endsOn', 'Fin de l’action', { optional: true, type: 'date' })}
          {text('plannedBeneficiaries', 'Bénéficiaires prévus (nombre)', {
            optional: true,
            inputMode: 'numeric',
          })}
          {text('plannedBeneficiariesText', 'Bénéficiaires prévus (tel qu’écrit)', {
            optional: true,
            hint: 'Par exemple « 216 à 336 »',
            maxLength: 200,
          })}
          <TextField
            label="Coût unitaire (€)"
            optional
            inputMode="decimal"
            value={values.unitCost}
            onChange={(unitCost) => set({ unitCost })}
            error={e.unitCostCents}
          />
        </div>
        <TextAreaField
          label="Objectifs"
          optional
          value={values.objectives}
          onChange={(objectives) => set({ objectives })}
          maxLength={4000}
          error={e.objectives}
        />
        <TextAreaField
          label="Description"
          optional
          rows={6}
          value={values.description}
          onChange={(description) => set({ description })}
          maxLength={8000}
          error={e.description}
        />
        <TextAreaField
          label="Public visé (tel qu’écrit)"
          optional
          value={values.publicDescription}
          onChange={(publicDescription) => set({ publicDescription })}
          maxLength={2000}
          error={e.publicDescription}
        />
        <div className="form-grid">
          {text('targetMinAge', 'Âge minimum', { optional: true, inputMode: 'numeric' })}
          {text('targetMaxAge', 'Âge maximum', { optional: true, inputMode: 'numeric' })}
          <SelectField
            label="Sexe du public"
            optional
            value={values.targetSex}
            onChange={(targetSex) => set({ targetSex })}
            placeholder="Tous"
            options={[
              { value: 'F', label: 'Femmes' },
              { value: 'M', label: 'Hommes' },
            ]}
            error={e.targetSex}
          />
        </div>
        <ActionVocabularyFields
          publics={values.publics}
          thematiques={values.thematiques}
          errors={e}
          onChange={set}
        />
        <ActionListFields phases={values.phases} indicators={values.indicators} errors={e} onChange={set} />
        <FormActions
          submitLabel={action ? 'Enregistrer l’action' : 'Créer l’action'}
          pending={save.isPending}
          onCancel={() => navigate(action ? `/catalogue/actions/${action.id}` : '/catalogue')}
        />
      </form>
    </>
  );
}
