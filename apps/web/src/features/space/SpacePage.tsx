import type { SpaceReferent } from '@parcours/contracts';
import { Alert, ErrorState, Loading, PageHeader } from '../../ui';
import { AppointmentsCard } from './AppointmentsCard';
import { useSpaceOverview } from './api';
import { ContractCard } from './ContractCard';
import { DocumentsCard } from './DocumentsCard';

/** The beneficiary's home: référent, appointments, contract, documents — and nothing else. */
export function SpacePage() {
  const overview = useSpaceOverview();
  if (overview.isPending) return <Loading label="Chargement de votre espace…" />;
  if (overview.isError) {
    return (
      <ErrorState
        title="Votre espace n’a pas pu s’afficher."
        error={overview.error}
        onRetry={() => overview.refetch()}
      />
    );
  }
  const data = overview.data;
  if (!data.personId) {
    return (
      <>
        <PageHeader title={`Bonjour ${data.firstName}`} />
        <Alert tone="warning" title="Votre espace n’est relié à aucun dossier">
          <p>
            Nous ne retrouvons pas votre dossier RSA. Contactez le Conseil départemental ou votre référent
            pour qu’il relie votre espace à votre dossier.
          </p>
        </Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={`Bonjour ${data.firstName}`}
        description={<p>Votre espace personnel pour votre accompagnement RSA.</p>}
      />
      <nav aria-label="Dans mon espace">
        <ul className="space-nav">
          <li>
            <a href="#referent">Mon référent</a>
          </li>
          <li>
            <a href="#rendez-vous">Mes rendez-vous</a>
          </li>
          <li>
            <a href="#contrat">Mon contrat</a>
          </li>
          <li>
            <a href="#documents">Mes documents</a>
          </li>
        </ul>
      </nav>
      <ReferentCard referent={data.referent} />
      <AppointmentsCard appointments={data.appointments} />
      <ContractCard personId={data.personId} />
      <DocumentsCard personId={data.personId} />
    </>
  );
}

function ReferentCard({ referent }: { referent: SpaceReferent | null }) {
  return (
    <section className="card" aria-labelledby="referent">
      <h2 id="referent" className="space-card__title">
        Mon référent
      </h2>
      {referent ? (
        <>
          <p>
            <strong>{referent.name}</strong>
            {referent.structureName ? (
              <>
                <br />
                {referent.structureName}
              </>
            ) : null}
          </p>
          <p>C’est la personne qui vous accompagne. Vous pouvez la joindre :</p>
          <ul className="space-list space-contact">
            {referent.phone ? (
              <li>
                Par téléphone : <a href={`tel:${referent.phone.replace(/\s/g, '')}`}>{referent.phone}</a>
              </li>
            ) : null}
            {referent.email ? (
              <li>
                Par e-mail : <a href={`mailto:${referent.email}`}>{referent.email}</a>
              </li>
            ) : null}
            {!referent.phone && !referent.email ? (
              <li>Auprès de {referent.structureName ?? 'sa structure'}.</li>
            ) : null}
          </ul>
        </>
      ) : (
        <p>
          Vous n’avez pas encore de référent. Il vous sera présenté bientôt ; vous recevrez un message à ce
          moment-là.
        </p>
      )}
    </section>
  );
}
