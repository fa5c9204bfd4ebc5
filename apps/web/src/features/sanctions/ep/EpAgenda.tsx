import {
  type EpAgendaItem,
  type EpHearing,
  type EpOpinion,
  type EpSessionDetail,
  epHearingLabels,
  epHearings,
  epOpinionLabels,
  epOpinions,
  epPreparingStatuses,
  epProposedOutcomeLabels,
} from '@parcours/contracts';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { call } from '../../../lib/client';
import { formatDate } from '../../../lib/format';
import {
  emptyToNull,
  errorsFromApi,
  type FormErrorState,
  focusFirstInvalid,
  noErrors,
} from '../../../lib/forms';
import {
  Alert,
  Button,
  EmptyState,
  FormActions,
  FormAlert,
  Section,
  SelectField,
  Table,
  TextAreaField,
  TextField,
} from '../../../ui';
import { useActor } from '../../auth/session';
import { epRoutes, useEpMutation } from './api';

/** The cases on the agenda, the cases that may be added, the invitations and the opinions. */
export function EpAgenda({ session }: { session: EpSessionDetail }) {
  const actor = useActor();
  const manage = actor.permissions.includes('ep.manage');
  const preparing = manage && epPreparingStatuses.includes(session.status);
  const held = manage && session.status === 'held';
  const [opinionFor, setOpinionFor] = useState<EpAgendaItem | null>(null);
  const item = (itemId: string) => ({ id: session.id, itemId });
  const remove = useEpMutation((itemId: string) => call(epRoutes.removeFromAgenda, { params: item(itemId) }));
  const failed = remove.error;
  return (
    <Section id="ordre-du-jour-ep" title="Ordre du jour">
      {failed ? (
        <Alert tone="error" title="L’ordre du jour n’a pas été modifié">
          {errorsFromApi(failed).message}
        </Alert>
      ) : null}
      {session.agenda.length === 0 ? (
        <EmptyState title="Aucun dossier à l’ordre du jour." />
      ) : (
        <Table<EpAgendaItem>
          caption={`${session.agenda.length} dossier(s) à l’ordre du jour`}
          rows={session.agenda}
          rowKey={(a) => a.id}
          columns={[
            {
              key: 'name',
              header: 'Personne',
              rowHeader: true,
              render: (a) => <Link to={`/personnes/${a.personId}#sanctions`}>{a.name}</Link>,
            },
            {
              key: 'proposal',
              header: 'Proposition',
              render: (a) => epProposedOutcomeLabels[a.proposedOutcome],
            },
            {
              key: 'invited',
              header: 'Invitée le',
              nowrap: true,
              render: (a) => (a.invitedOn ? formatDate(a.invitedOn) : '—'),
            },
            {
              key: 'opinion',
              header: 'Avis',
              render: (a) =>
                a.opinion
                  ? `${epOpinionLabels[a.opinion]}${a.hearing ? ` — ${epHearingLabels[a.hearing]}` : ''}`
                  : '—',
            },
            {
              key: 'actions',
              header: 'Actions',
              render: (a) =>
                preparing ? (
                  <div className="form-actions">
                    <InviteForm sessionId={session.id} item={a} />
                    <Button variant="tertiary" size="sm" onClick={() => remove.mutate(a.id)}>
                      Retirer le dossier de {a.name}
                    </Button>
                  </div>
                ) : held ? (
                  <Button variant="secondary" size="sm" onClick={() => setOpinionFor(a)}>
                    {a.opinion ? 'Corriger l’avis' : 'Saisir l’avis'} pour {a.name}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      {opinionFor ? (
        <OpinionForm sessionId={session.id} item={opinionFor} onDone={() => setOpinionFor(null)} />
      ) : null}
      {preparing ? <AddCaseForm session={session} /> : null}
    </Section>
  );
}

/** Records the day the invitation to be heard left (the letter itself is prepared in messaging). */
function InviteForm({ sessionId, item }: { sessionId: string; item: EpAgendaItem }) {
  const [invitedOn, setInvitedOn] = useState(item.invitedOn ?? '');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const mutation = useEpMutation(() =>
    call(epRoutes.invite, { params: { id: sessionId, itemId: item.id }, body: { invitedOn } }),
  );
  return (
    <form
      noValidate
      className="form"
      aria-label={`Invitation de ${item.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        setErrors(noErrors);
        mutation.mutate(undefined, { onError: (err) => setErrors(errorsFromApi(err, ['invitedOn'])) });
      }}
    >
      <FormAlert title="L’invitation n’a pas été enregistrée" message={errors.message} fieldCount={0} />
      <TextField
        label={`Date d’invitation de ${item.name}`}
        type="date"
        value={invitedOn}
        onChange={setInvitedOn}
        error={errors.fields.invitedOn}
      />
      <FormActions submitLabel="Enregistrer l’invitation" pending={mutation.isPending} />
    </form>
  );
}

function AddCaseForm({ session }: { session: EpSessionDetail }) {
  const form = useRef<HTMLFormElement>(null);
  const [referralId, setReferralId] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const mutation = useEpMutation(
    () => call(epRoutes.addToAgenda, { params: { id: session.id }, body: { referralId } }),
    () => setReferralId(''),
  );
  if (session.candidates.length === 0)
    return <p>Aucun autre dossier de ce pôle n’attend l’avis de l’équipe pluridisciplinaire.</p>;
  return (
    <form
      ref={form}
      noValidate
      className="form"
      aria-labelledby="ajout-dossier-ep"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors(noErrors);
        mutation.mutate(undefined, {
          onError: (err) => {
            setErrors(errorsFromApi(err, ['referralId']));
            focusFirstInvalid(form.current);
          },
        });
      }}
    >
      <h3 id="ajout-dossier-ep">Inscrire un dossier</h3>
      <FormAlert
        title="Le dossier n’a pas été inscrit"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <SelectField
        label="Dossier soumis à l’EP"
        value={referralId}
        onChange={setReferralId}
        placeholder="Choisir…"
        options={session.candidates.map((c) => ({
          value: c.referralId,
          label: `${c.name} — ${epProposedOutcomeLabels[c.proposedOutcome]} (saisine du ${formatDate(c.submittedOn)})`,
        }))}
        error={errors.fields.referralId}
      />
      <FormActions submitLabel="Inscrire à l’ordre du jour" pending={mutation.isPending} />
    </form>
  );
}

function OpinionForm({
  sessionId,
  item,
  onDone,
}: {
  sessionId: string;
  item: EpAgendaItem;
  onDone: () => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [opinion, setOpinion] = useState<EpOpinion | ''>(item.opinion ?? '');
  const [reasoning, setReasoning] = useState(item.reasoning ?? '');
  const [hearing, setHearing] = useState<EpHearing | ''>(item.hearing ?? '');
  const [representedBy, setRepresentedBy] = useState(item.representedBy ?? '');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const mutation = useEpMutation(
    () =>
      call(epRoutes.giveOpinion, {
        params: { id: sessionId, itemId: item.id },
        body: {
          opinion: opinion || (undefined as never),
          reasoning,
          hearing: hearing || (undefined as never),
          representedBy: emptyToNull(representedBy),
        },
      }),
    onDone,
  );
  return (
    <form
      ref={form}
      noValidate
      className="form"
      aria-labelledby="avis-ep"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors(noErrors);
        mutation.mutate(undefined, {
          onError: (err) => {
            setErrors(errorsFromApi(err, ['opinion', 'reasoning', 'hearing', 'representedBy']));
            focusFirstInvalid(form.current);
          },
        });
      }}
    >
      <h3 id="avis-ep">
        Avis de l’équipe pour {item.name} ({epProposedOutcomeLabels[item.proposedOutcome].toLowerCase()})
      </h3>
      <FormAlert
        title="L’avis n’a pas été enregistré"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <SelectField
        label="Avis"
        value={opinion}
        onChange={(v) => setOpinion(v as EpOpinion | '')}
        placeholder="Choisir…"
        options={epOpinions.map((o) => ({ value: o, label: epOpinionLabels[o] }))}
        error={errors.fields.opinion}
      />
      <TextAreaField
        label="Motivation de l’avis"
        value={reasoning}
        onChange={setReasoning}
        rows={3}
        error={errors.fields.reasoning}
      />
      <SelectField
        label="Audition de la personne"
        value={hearing}
        onChange={(v) => setHearing(v as EpHearing | '')}
        placeholder="Choisir…"
        options={epHearings.map((h) => ({ value: h, label: epHearingLabels[h] }))}
        error={errors.fields.hearing}
      />
      {hearing === 'represented' ? (
        <TextField
          label="Représentée ou assistée par"
          hint="Nom et qualité."
          value={representedBy}
          onChange={setRepresentedBy}
          error={errors.fields.representedBy}
        />
      ) : null}
      <FormActions submitLabel="Enregistrer l’avis" pending={mutation.isPending} onCancel={onDone} />
    </form>
  );
}
