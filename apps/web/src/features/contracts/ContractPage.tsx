import type { ContractDetail, PersonContracts } from '@parcours/contracts';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { Alert, Badge, ErrorState, LiveMessage, Loading, PageHeader } from '../../ui';
import { ForbiddenContent } from '../auth/ForbiddenContent';
import { useCan } from '../auth/session';
import { usePersonFile } from '../persons/api';
import { personName } from '../persons/labels';
import { contractPdfHref, useContract, usePersonContracts } from './api';
import { ContractActions } from './ContractActions';
import { ContractEditor, draftOf } from './ContractEditor';
import { ContractView } from './ContractView';
import { contractPeriod, contractStatusLabel, contractStatusTones, weeklyLabel } from './labels';
import { SignaturePanel } from './SignaturePanel';
import { VersionsList } from './VersionsList';
import './contracts.css';

/** « ← Dossier de Noémie LISTEDUJOUR »: a contract's pages always lead back to the person's file. */
export function PersonBackLink({ personId }: { personId: string }) {
  const file = usePersonFile(personId);
  return (
    <p className="back-link">
      <Link to={`/personnes/${personId}#contrats`}>
        <span aria-hidden="true">← </span>
        {file.data ? `Dossier de ${personName(file.data.person)}` : 'Dossier de la personne'}
      </Link>
    </p>
  );
}

/**
 * A contract of engagement: its status and the actions the workflow allows, the version being
 * drafted (editor), proposed (signatures on screen) or in force, and every version with its PDF.
 */
export function ContractPage() {
  const { id: personId = '', contractId = '' } = useParams();
  const contract = useContract(contractId);
  const context = usePersonContracts(personId);
  const location = useLocation();
  // The new contract's page says what was just saved.
  const [message, setMessage] = useState<string | null>(
    () => (location.state as { message?: string } | null)?.message ?? null,
  );

  if (contract.isError && isApiError(contract.error) && contract.error.status === 403)
    return <ForbiddenContent />;

  return (
    <>
      <PersonBackLink personId={personId} />
      <PageHeader
        title={
          contract.data ? `Contrat d’engagement ${contractPeriod(contract.data)}` : 'Contrat d’engagement'
        }
        description={contract.data ? <ContractHeadline contract={contract.data} /> : null}
        actions={
          contract.data && contract.data.currentVersionNo > 0 ? (
            <a
              className="button button--secondary"
              href={contractPdfHref(contract.data.id, contract.data.currentVersionNo)}
            >
              Télécharger le PDF (version n° {contract.data.currentVersionNo})
            </a>
          ) : null
        }
      />
      <LiveMessage>{message}</LiveMessage>
      {contract.isPending || context.isPending ? (
        <Loading label="Chargement du contrat…" />
      ) : contract.isError ? (
        <ErrorState
          title="Le contrat n’a pas pu être chargé."
          error={contract.error}
          onRetry={() => contract.refetch()}
        />
      ) : context.isError ? (
        <ErrorState
          title="Le dossier n’a pas pu être chargé."
          error={context.error}
          onRetry={() => context.refetch()}
        />
      ) : (
        <ContractBody
          personId={personId}
          contract={contract.data}
          context={context.data}
          refetch={() => contract.refetch()}
          onDone={setMessage}
        />
      )}
    </>
  );
}

function ContractHeadline({ contract }: { contract: ContractDetail }) {
  return (
    <>
      <p>
        <Badge tone={contractStatusTones[contract.status]}>{contractStatusLabel(contract.status)}</Badge>
        {contract.statusReason ? <span className="muted"> · motif : {contract.statusReason}</span> : null}
      </p>
      <p>
        {[
          `Du ${formatDate(contract.startDate)} au ${formatDate(contract.endDate)} (${contract.durationLabel})`,
          weeklyLabel(contract),
          contract.referentName ? `référent unique : ${contract.referentName}` : null,
          contract.signedOn ? `signé le ${formatDate(contract.signedOn)}` : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
    </>
  );
}

function ContractBody({
  personId,
  contract,
  context,
  refetch,
  onDone,
}: {
  personId: string;
  contract: ContractDetail;
  context: PersonContracts;
  refetch: () => Promise<unknown>;
  onDone: (message: string) => void;
}) {
  const canWrite = useCan('contract.write');
  const current = contract.versions.find((v) => v.number === contract.currentVersionNo) ?? null;
  const inForce = contract.versions.find((v) => v.number === contract.inForceVersionNo) ?? null;
  const draft = draftOf(contract);

  if (contract.versions.length === 0) {
    return (
      <Alert tone="info" title="Contrat repris d’un ancien système">
        <p>
          Ce contrat a été repris de l’historique : ses versions et son plan d’action ne sont pas connus de
          Parcours.
        </p>
      </Alert>
    );
  }

  return (
    <>
      <ContractActions contract={contract} current={current} onDone={onDone} />
      {draft && canWrite ? (
        <ContractEditor
          key={`${contract.id}-${draft.number}`}
          personId={personId}
          contract={contract}
          draft={draft}
          context={context}
          refetch={refetch}
          onSaved={(_detail, mode) => {
            onDone(
              mode === 'propose'
                ? 'Le contrat est proposé à la signature : son contenu est figé.'
                : 'Le brouillon est enregistré.',
            );
            // The editor gives way to the signatures: the focus goes to their heading.
            if (mode === 'propose')
              requestAnimationFrame(() => document.getElementById('signatures')?.focus());
          }}
        />
      ) : current ? (
        <>
          {current.status === 'proposed' && canWrite ? (
            <SignaturePanel contract={contract} version={current} onDone={onDone} />
          ) : null}
          <ContractView
            version={inForce && current.status === 'draft' ? inForce : current}
            minimum={contract.minimumWeeklyHours}
          />
        </>
      ) : null}
      <VersionsList contract={contract} />
    </>
  );
}
