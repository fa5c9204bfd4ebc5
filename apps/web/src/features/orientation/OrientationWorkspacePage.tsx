import { type OrientationWorkspace, ofName } from '@parcours/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { ErrorState, LiveMessage, Loading, PageHeader } from '../../ui';
import { PersonAppointments } from '../agenda/PersonAppointments';
import { ForbiddenContent } from '../auth/ForbiddenContent';
import { TerritoryOfferSection } from '../catalogue/TerritoryOfferSection';
import { personName } from '../persons/labels';
import { orientationKeys, useOrientationWorkspace } from './api';
import { DecisionsSection } from './DecisionsSection';
import { DiagnosisSection } from './DiagnosisSection';
import { MedicalSection } from './MedicalSection';
import { ProposalSection } from './ProposalSection';
import { SituationSection } from './SituationSection';
import { WorkspaceBackLink } from './WorkspaceBackLink';

/** Diagnostic, proposition et décision d'orientation d'une personne. */
export function OrientationWorkspacePage() {
  const { id = '' } = useParams();
  const workspace = useOrientationWorkspace(id);

  if (workspace.isError && isApiError(workspace.error) && workspace.error.status === 403)
    return <ForbiddenContent />;
  if (workspace.isError && isApiError(workspace.error) && [400, 404].includes(workspace.error.status)) {
    return (
      <>
        <PageHeader title="Personne introuvable" />
        <p>
          <Link to="/personnes">Rechercher la personne par son nom ou sa date de naissance</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <WorkspaceBackLink personId={id} />
      <PageHeader
        title={
          workspace.data
            ? `Orientation ${ofName(personName(workspace.data.person))}`
            : 'Orientation de la personne'
        }
        description={workspace.data ? <Headline w={workspace.data} /> : null}
      />
      {workspace.isPending ? (
        <Loading label="Chargement de la situation de la personne…" />
      ) : workspace.isError ? (
        <ErrorState error={workspace.error} onRetry={() => workspace.refetch()} />
      ) : (
        <Workspace key={id} w={workspace.data} reload={() => workspace.refetch()} />
      )}
    </>
  );
}

function Headline({ w }: { w: OrientationWorkspace }) {
  const parts = [`${w.person.age} ans`, w.household.compositionLabel];
  if (w.person.communeName) parts.push(w.person.communeName);
  if (w.person.hubName) parts.push(`pôle ${w.person.hubName}`);
  return <p>{parts.join(' · ')}</p>;
}

function Workspace({ w, reload }: { w: OrientationWorkspace; reload: () => Promise<unknown> }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const refresh = async (text: string) => {
    setMessage(text);
    await queryClient.invalidateQueries({ queryKey: orientationKeys.workspace(w.person.id) });
    void queryClient.invalidateQueries({ queryKey: ['persons', 'file', w.person.id] });
    void queryClient.invalidateQueries({ queryKey: ['orientation-queue'] });
  };
  return (
    <>
      <nav className="toc" aria-label="Sommaire de l’orientation">
        <ul className="toc__list">
          <li>
            <a href="#situation">Situation</a>
          </li>
          <li>
            <a href="#diagnostic">Diagnostic</a>
          </li>
          <li>
            <a href="#proposition">Proposition d’orientation</a>
          </li>
          <li>
            <a href="#offre-territoire">Offre d'insertion du territoire</a>
          </li>
          <li>
            <a href="#decisions">Décisions</a>
          </li>
          <li>
            <a href="#equipe-medicale">Équipe médicale</a>
          </li>
        </ul>
      </nav>
      <LiveMessage>{message}</LiveMessage>
      <SituationSection w={w} />
      <PersonAppointments personId={w.person.id} sex={w.person.sex} />
      <DiagnosisSection
        w={w}
        onSaved={(d) => refresh(`Le diagnostic (version ${d.versionNo}) est enregistré.`)}
      />
      <ProposalSection w={w} onDecided={refresh} reload={reload} />
      <TerritoryOfferSection communeName={w.person.communeName} />
      <DecisionsSection orientations={w.orientations} />
      <MedicalSection w={w} onRequested={refresh} />
    </>
  );
}
