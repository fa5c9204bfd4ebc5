import type { ContractDetail, ContractVersion } from '@parcours/contracts';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime } from '../../lib/format';
import { Alert, ErrorState, Loading, PageHeader } from '../../ui';
import { contractPdfHref, useMyContract } from './api';
import { SignatureForm } from './SignatureForm';

/** The person reads their contract (plan, hours, commitments) and signs a proposed version. */
export function SpaceContractPage() {
  const { id = '' } = useParams();
  const contract = useMyContract(id);
  return (
    <>
      <p>
        <Link to="/espace">← Retour à mon espace</Link>
      </p>
      <PageHeader title="Mon contrat d’engagement" />
      {contract.isPending ? <Loading label="Chargement de votre contrat…" /> : null}
      {contract.isError ? (
        <ErrorState
          title="Votre contrat n’a pas pu s’afficher."
          error={contract.error}
          onRetry={() => contract.refetch()}
        />
      ) : null}
      {contract.data ? <ContractView contract={contract.data} /> : null}
    </>
  );
}

function ContractView({ contract }: { contract: ContractDetail }) {
  const version =
    contract.versions.find((v) => v.number === contract.currentVersionNo) ??
    contract.versions.find((v) => v.number === contract.inForceVersionNo) ??
    null;
  if (!version) {
    return (
      <section className="card">
        <p>
          Contrat du {formatDate(contract.startDate)} au {formatDate(contract.endDate)}. Son texte n’est pas
          disponible en ligne : demandez-le à votre référent.
        </p>
      </section>
    );
  }
  const toSign = version.status === 'proposed' && !version.personSignedAt;
  return (
    <>
      <VersionView contract={contract} version={version} />
      {toSign ? (
        <SignatureForm contractId={contract.id} version={version} />
      ) : version.personSignedAt ? (
        <Alert tone="success" title="Votre contrat est signé" live="polite">
          <p>
            Vous avez signé ce contrat le {formatDateTime(version.personSignedAt)}
            {version.personSignatureMethod === 'beneficiary_space' ? ' depuis votre espace' : ''}. Vous pouvez
            le télécharger à tout moment.
          </p>
        </Alert>
      ) : null}
    </>
  );
}

function VersionView({ contract, version }: { contract: ContractDetail; version: ContractVersion }) {
  const c = version.content;
  return (
    <>
      <section className="card" aria-labelledby="contrat-resume">
        <h2 id="contrat-resume" className="space-card__title">
          En résumé
        </h2>
        <p>
          Du <strong>{formatDate(c.startDate)}</strong> au <strong>{formatDate(c.endDate)}</strong> (
          {contract.durationLabel}), avec {contract.referentName ?? 'votre référent'}
          {contract.structureName ? ` (${contract.structureName})` : ''}.
        </p>
        <p>
          <a href={contractPdfHref(contract.id, version.number)} target="_blank" rel="noreferrer">
            Télécharger le contrat en PDF
          </a>
        </p>
      </section>
      <section className="card" aria-labelledby="contrat-plan">
        <h2 id="contrat-plan" className="space-card__title">
          Mes activités
        </h2>
        {version.plan.length === 0 ? <p>Aucune activité n’est prévue dans ce contrat.</p> : null}
        <ul className="space-list">
          {version.plan.map((step) => (
            <li key={step.id}>
              <p className="space-when">{step.label}</p>
              <p>
                {step.weeklyHours} h par semaine, du {formatDate(step.startDate)} au{' '}
                {formatDate(step.endDate)}
                {step.objectiveLabel ? (
                  <>
                    <br />
                    Objectif : {step.objectiveLabel}
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="contrat-engagements">
        <h2 id="contrat-engagements" className="space-card__title">
          Les engagements
        </h2>
        <h3>Ce que je m’engage à faire</h3>
        <p className="pre-wrap">{c.personCommitments || '—'}</p>
        <h3>Ce que l’organisme qui m’accompagne s’engage à faire</h3>
        <p className="pre-wrap">{c.bodyCommitments || '—'}</p>
      </section>
    </>
  );
}
