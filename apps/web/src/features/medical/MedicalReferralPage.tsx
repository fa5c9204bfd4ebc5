import {
  allowedTargets,
  type MedicalReferralDetail,
  medicalRecordKindLabels,
  medicalReferralStatusLabels,
  medicalReferralWorkflow,
} from '@parcours/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { Badge, EmptyState, ErrorState, Item, LiveMessage, Loading, PageHeader } from '../../ui';
import { ForbiddenContent } from '../auth/ForbiddenContent';
import { useActor, useCan } from '../auth/session';
import { bornWord, personName } from '../persons/labels';
import { medicalKeys, useMedicalReferral } from './api';
import { referralStatusTones } from './MedicalTeamPage';
import { RecommendationForm } from './RecommendationForm';
import { RecordForm } from './RecordForm';

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
  // The recommendation form only where the workflow table lets this agent complete the request.
  const actor = useActor();
  const canRecommend = allowedTargets(medicalReferralWorkflow, r.status, actor.role).includes('completed');
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
        ) : canRecommend ? (
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
