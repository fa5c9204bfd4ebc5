import {
  type MedicalReferralDetail,
  medicalRecordKindLabels,
  medicalReferralStatusLabels,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import {
  emptyToNull,
  errorsFromApi,
  type FormErrorState,
  focusFirstInvalid,
  noErrors,
} from '../../lib/forms';
import {
  Badge,
  Button,
  Checkbox,
  ConflictAlert,
  EmptyState,
  ErrorState,
  FormAlert,
  Item,
  LiveMessage,
  Loading,
  PageHeader,
  SelectField,
  TextAreaField,
} from '../../ui';
import { ForbiddenContent } from '../auth/ForbiddenContent';
import { useCan } from '../auth/session';
import { bornWord, personName } from '../persons/labels';
import { medicalKeys, postMedicalRecord, postRecommendation, useMedicalReferral } from './api';
import { referralStatusTones } from './MedicalTeamPage';

const backLink = (
  <p className="back-link">
    <Link to="/equipe-medicale">
      <span aria-hidden="true">← </span>Retour aux demandes d’avis
    </Link>
  </p>
);

/** Une demande d'avis médical : dossier médical et recommandation. */
export function MedicalReferralPage() {
  const { id = '' } = useParams();
  const referral = useMedicalReferral(id);
  if (referral.isError && isApiError(referral.error) && referral.error.status === 403)
    return <ForbiddenContent />;
  if (referral.isError && isApiError(referral.error) && [400, 404].includes(referral.error.status)) {
    return (
      <>
        {backLink}
        <PageHeader title="Demande d’avis introuvable" />
      </>
    );
  }
  return (
    <>
      {backLink}
      <PageHeader
        title={
          referral.data
            ? `Demande d’avis médical : ${personName(referral.data.person)}`
            : 'Demande d’avis médical'
        }
      />
      {referral.isPending ? (
        <Loading label="Chargement de la demande…" />
      ) : referral.isError ? (
        <ErrorState error={referral.error} onRetry={() => referral.refetch()} />
      ) : (
        <ReferralView key={id} r={referral.data} reload={() => referral.refetch()} />
      )}
    </>
  );
}

function ReferralView({ r, reload }: { r: MedicalReferralDetail; reload: () => Promise<unknown> }) {
  const canWrite = useCan('medical.write');
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const saved = (detail: MedicalReferralDetail, text: string) => {
    queryClient.setQueryData(medicalKeys.referral(detail.id), detail);
    void queryClient.invalidateQueries({ queryKey: ['medical', 'list'] });
    setMessage(text);
  };
  const open = r.status === 'requested' || r.status === 'in_progress';
  return (
    <>
      <LiveMessage>{message}</LiveMessage>
      <section className="section" aria-labelledby="demande">
        <h2 id="demande">Demande</h2>
        <dl className="summary-list">
          <Item label="Personne">
            {personName(r.person)}, {bornWord(r.person.sex).toLowerCase()} le {formatDate(r.person.birthDate)}
            {r.person.communeName ? ` · ${r.person.communeName}` : ''}
          </Item>
          <Item label="Pôle">{r.hubName}</Item>
          <Item label="Demande du">
            {formatDate(r.requestedOn)}
            {r.requestedByName ? `, par ${r.requestedByName}` : ''}
          </Item>
          <Item label="Motif">{r.requestReason}</Item>
          <Item label="État">
            <Badge tone={referralStatusTones[r.status]}>{medicalReferralStatusLabels[r.status]}</Badge>
          </Item>
        </dl>
      </section>
      <section className="section" aria-labelledby="dossier-medical">
        <h2 id="dossier-medical">Dossier médical</h2>
        <p className="form-note">
          Informations de santé : visibles par l’équipe médicale du pôle uniquement.
        </p>
        {r.records.length === 0 ? (
          <EmptyState title="Aucun écrit n’est encore enregistré." />
        ) : (
          <ol className="plain-list">
            {r.records.map((m) => (
              <li key={m.id}>
                <article
                  className="card"
                  aria-label={`${medicalRecordKindLabels[m.kind]} du ${formatDateTime(m.recordedAt)}`}
                >
                  <h3 className="card__title">
                    {medicalRecordKindLabels[m.kind]}{' '}
                    <span className="muted">
                      · {formatDateTime(m.recordedAt)}
                      {m.authorName ? ` · ${m.authorName}` : ''}
                    </span>
                  </h3>
                  {m.body.split('\n').map((line, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: lines of one text, in order
                    <p key={i}>{line}</p>
                  ))}
                </article>
              </li>
            ))}
          </ol>
        )}
        {canWrite && r.status !== 'cancelled' ? (
          <RecordForm id={r.id} onSaved={(d) => saved(d, 'L’écrit est ajouté au dossier médical.')} />
        ) : null}
      </section>
      <section className="section" aria-labelledby="recommandation">
        <h2 id="recommandation">Recommandation</h2>
        <p className="form-note">
          La recommandation est la seule partie visible des autres agents (conseiller en orientation,
          référent).
        </p>
        {r.status === 'completed' ? (
          <dl className="summary-list">
            <Item label="Actions compatibles">{r.compatibleActions ?? '—'}</Item>
            <Item label="Parcours de soins conseillé">
              {r.carePathwayAdvised == null ? '—' : r.carePathwayAdvised ? 'Oui' : 'Non'}
            </Item>
            <Item label="Recommandation">{r.recommendation ?? '—'}</Item>
            <Item label="Avis rendu le">
              {r.recommendedOn ? formatDate(r.recommendedOn) : '—'}
              {r.recommendedByName ? `, par ${r.recommendedByName}` : ''}
            </Item>
          </dl>
        ) : canWrite && open ? (
          <RecommendationForm
            r={r}
            reload={reload}
            onSaved={(d) => saved(d, 'L’avis de l’équipe médicale est rendu.')}
          />
        ) : (
          <p className="muted">L’avis n’est pas encore rendu.</p>
        )}
      </section>
    </>
  );
}

function RecordForm({ id, onSaved }: { id: string; onSaved: (d: MedicalReferralDetail) => void }) {
  const [kind, setKind] = useState<'diagnosis' | 'note'>('note');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const formRef = useRef<HTMLFormElement>(null);
  const save = useMutation({
    mutationFn: () => postMedicalRecord(id, { kind, body: body.trim() }),
    onSuccess: (detail) => {
      setBody('');
      setErrors(noErrors);
      onSaved(detail);
    },
    onError: (error) => {
      setErrors(errorsFromApi(error, ['kind', 'body']));
      focusFirstInvalid(formRef.current);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) {
      setErrors({ message: null, fields: { body: 'Le texte est obligatoire.' } });
      focusFirstInvalid(formRef.current);
      return;
    }
    save.mutate();
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Ajouter un écrit au dossier médical">
      <h3>Ajouter un écrit</h3>
      <FormAlert message={errors.message} fieldCount={Object.keys(errors.fields).length} />
      <SelectField
        label="Type d’écrit"
        value={kind}
        onChange={(v) => setKind(v as 'diagnosis' | 'note')}
        options={[
          { value: 'note', label: medicalRecordKindLabels.note },
          { value: 'diagnosis', label: medicalRecordKindLabels.diagnosis },
        ]}
      />
      <TextAreaField
        label="Texte"
        rows={5}
        value={body}
        onChange={setBody}
        maxLength={20000}
        error={errors.fields.body}
      />
      <div className="form-actions">
        <Button type="submit" pending={save.isPending}>
          Ajouter au dossier médical
        </Button>
      </div>
    </form>
  );
}

function RecommendationForm({
  r,
  reload,
  onSaved,
}: {
  r: MedicalReferralDetail;
  reload: () => Promise<unknown>;
  onSaved: (d: MedicalReferralDetail) => void;
}) {
  const [compatibleActions, setCompatibleActions] = useState('');
  const [carePathwayAdvised, setCarePathwayAdvised] = useState(false);
  const [recommendation, setRecommendation] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [conflict, setConflict] = useState<'conflict' | 'reloading' | 'reloaded' | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const save = useMutation({
    mutationFn: () =>
      postRecommendation(r.id, {
        compatibleActions: compatibleActions.trim(),
        carePathwayAdvised,
        recommendation: emptyToNull(recommendation),
        version: r.version,
      }),
    onSuccess: onSaved,
    onError: (error) => {
      if (
        isApiError(error) &&
        error.status === 409 &&
        error.code === 'CONFLICT' &&
        /modifiée/.test(error.message)
      ) {
        setConflict('conflict');
        return;
      }
      setErrors(errorsFromApi(error, ['compatibleActions', 'carePathwayAdvised', 'recommendation']));
      focusFirstInvalid(formRef.current);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!compatibleActions.trim()) {
      setErrors({
        message: null,
        fields: { compatibleActions: 'Indiquez les actions compatibles avec l’état de santé.' },
      });
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(noErrors);
    save.mutate();
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Rendre l’avis">
      {conflict ? (
        <ConflictAlert
          reloading={conflict === 'reloading'}
          reloaded={conflict === 'reloaded'}
          onReload={() => {
            setConflict('reloading');
            void reload().then(() => setConflict('reloaded'));
          }}
        />
      ) : null}
      <FormAlert message={errors.message} fieldCount={Object.keys(errors.fields).length} />
      <TextAreaField
        label="Actions compatibles"
        hint="Sans détail médical : ce texte est visible des agents qui accompagnent la personne."
        value={compatibleActions}
        onChange={setCompatibleActions}
        maxLength={2000}
        error={errors.fields.compatibleActions}
      />
      <Checkbox
        label="Parcours de soins conseillé"
        checked={carePathwayAdvised}
        onChange={setCarePathwayAdvised}
      />
      <TextAreaField
        label="Recommandation"
        optional
        value={recommendation}
        onChange={setRecommendation}
        maxLength={4000}
        error={errors.fields.recommendation}
      />
      <div className="form-actions">
        <Button type="submit" pending={save.isPending}>
          Rendre l’avis
        </Button>
      </div>
    </form>
  );
}
