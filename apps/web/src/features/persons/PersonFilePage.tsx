import type { PersonFile } from '@parcours/contracts';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { ageFrom, formatDate } from '../../lib/format';
import { ButtonLink, ErrorState, Loading, PageHeader } from '../../ui';
import { BackLink, useKeptOrigin } from '../../ui/BackLink';
import { PersonAccessSection } from '../admin/PersonAccessSection';
import { PersonAppointments } from '../agenda/PersonAppointments';
import { AidsSection } from '../aids/AidsSection';
import { ReferentSection } from '../assignment/ReferentSection';
import { ForbiddenContent } from '../auth/ForbiddenContent';
import { useCan } from '../auth/session';
import { ContractsSection } from '../contracts/ContractsSection';
import { ImmersionsSection } from '../immersions/ImmersionsSection';
import { PersonMessages } from '../messaging/PersonMessages';
import { ReferralsSection } from '../referrals/ReferralsSection';
import { SanctionsSection } from '../sanctions/SanctionsSection';
import { PersonSasSection } from '../sanctions/sas/PersonSasSection';
import { AppointmentNoticesSection } from '../space/AppointmentNoticesSection';
import { OpenSpaceSection } from '../space/OpenSpaceSection';
import { usePersonFile } from './api';
import { DocumentsSection } from './documents/DocumentsSection';
import { CoordinatesSection } from './file/CoordinatesSection';
import { EntriesSection } from './file/EntriesSection';
import { FranceTravailSection } from './file/FranceTravailSection';
import { HouseholdSection } from './file/HouseholdSection';
import { IdentitySection } from './file/IdentitySection';
import { RightsSection } from './file/RightsSection';
import { TimelineSection } from './file/TimelineSection';
import { personName } from './labels';
import { RightsBadges } from './RightsBadges';

export function PersonFilePage() {
  const { id = '' } = useParams();
  const file = usePersonFile(id);
  const canOrient = useCan('diagnosis.read');
  const origin = useKeptOrigin();

  if (file.isError && isApiError(file.error) && file.error.status === 403) return <ForbiddenContent />;

  if (file.isError && isApiError(file.error) && (file.error.status === 404 || file.error.status === 400)) {
    return (
      <>
        <BackLink />
        <PageHeader title="Personne introuvable" />
        <div className="prose">
          <p>
            Aucune personne ne correspond à cette adresse. Le dossier a peut-être été fusionné avec un autre,
            ou le lien est incomplet.
          </p>
          <p>
            <Link to="/personnes">Rechercher la personne par son nom ou sa date de naissance</Link>
          </p>
        </div>
      </>
    );
  }

  return (
    <>
      <BackLink />
      <PageHeader
        title={file.data ? personName(file.data.person) : 'Dossier de la personne'}
        description={file.data ? <PersonHeadline file={file.data} /> : null}
        actions={
          file.data && canOrient ? (
            <ButtonLink to={`/personnes/${id}/orientation`} state={origin}>
              Diagnostic et orientation
            </ButtonLink>
          ) : null
        }
      />
      {file.isPending ? (
        <Loading label="Chargement du dossier…" />
      ) : file.isError ? (
        <ErrorState
          title="Le dossier n’a pas pu être chargé."
          error={file.error}
          onRetry={() => file.refetch()}
        />
      ) : (
        <PersonFileView key={id} file={file.data} />
      )}
    </>
  );
}

function PersonHeadline({ file }: { file: PersonFile }) {
  const { person } = file;
  const age = ageFrom(person.birthDate);
  const parts = [
    `${person.sex === 'F' ? 'Née' : 'Né'} le ${formatDate(person.birthDate)}${age !== null ? ` (${age} ans)` : ''}`,
  ];
  if (person.claimNumber) parts.push(`dossier n° ${person.claimNumber}`);
  if (person.communeName) parts.push(person.communeName);
  if (person.hubName) parts.push(`pôle ${person.hubName}`);
  return (
    <>
      <p>{parts.join(' · ')}</p>
      <p>
        <span className="muted">Droits : </span>
        <RightsBadges person={person} />
      </p>
    </>
  );
}

const sections = [
  { id: 'identite', label: 'Identité' },
  { id: 'foyer', label: 'Foyer' },
  { id: 'coordonnees', label: 'Coordonnées' },
  { id: 'droits', label: 'Droits' },
  { id: 'entrees', label: 'Entrées' },
  { id: 'france-travail', label: 'Inscription France Travail' },
  { id: 'referent', label: 'Référent unique' },
  { id: 'rendez-vous', label: 'Rendez-vous' },
  { id: 'messages', label: 'Courriers, e-mails et SMS' },
  { id: 'chronologie', label: 'Chronologie' },
] as const;

function PersonFileView({ file }: { file: PersonFile }) {
  const canReadJournal = useCan('audit.read');
  const canReadDocuments = useCan('documents.read');
  const canReadContracts = useCan('contract.read');
  const canReadReferrals = useCan('referral.read');
  const canReadImmersions = useCan('immersion.read');
  const canReadAids = useCan('aid.read');
  const canReadSanctions = useCan('sanction.read');
  return (
    <>
      <nav className="toc" aria-label="Sommaire du dossier">
        <ul className="toc__list">
          {sections.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{section.label}</a>
            </li>
          ))}
          {canReadContracts ? (
            <li>
              <a href="#contrats">Contrats d’engagement</a>
            </li>
          ) : null}
          {canReadImmersions ? (
            <li>
              <a href="#immersions">Immersions (PMSMP)</a>
            </li>
          ) : null}
          {canReadReferrals ? (
            <li>
              <a href="#fiches-de-liaison">Fiches de liaison</a>
            </li>
          ) : null}
          {canReadAids ? (
            <li>
              <a href="#aides">Aides individuelles</a>
            </li>
          ) : null}
          {canReadSanctions ? (
            <li>
              <a href="#sanctions">Droits et devoirs</a>
            </li>
          ) : null}
          {canReadDocuments ? (
            <li>
              <a href="#documents">Documents</a>
            </li>
          ) : null}
          {canReadJournal ? (
            <li>
              <a href="#acces">Qui a consulté ce dossier ?</a>
            </li>
          ) : null}
        </ul>
      </nav>
      <IdentitySection person={file.person} />
      <HouseholdSection file={file} />
      <CoordinatesSection personId={file.person.id} />
      <RightsSection rights={file.rights} />
      <EntriesSection entries={file.entries} />
      <FranceTravailSection value={file.franceTravail} />
      <ReferentSection personId={file.person.id} />
      <PersonAppointments personId={file.person.id} sex={file.person.sex} />
      <AppointmentNoticesSection personId={file.person.id} />
      <ContractsSection personId={file.person.id} />
      <ImmersionsSection personId={file.person.id} />
      <ReferralsSection personId={file.person.id} communeCode={file.household?.communeCode ?? null} />
      <AidsSection personId={file.person.id} />
      <SanctionsSection personId={file.person.id} />
      <PersonSasSection personId={file.person.id} />
      <PersonMessages personId={file.person.id} />
      {canReadDocuments ? <DocumentsSection personId={file.person.id} /> : null}
      <OpenSpaceSection personId={file.person.id} />
      <TimelineSection events={file.timeline} />
      <PersonAccessSection personId={file.person.id} />
    </>
  );
}
