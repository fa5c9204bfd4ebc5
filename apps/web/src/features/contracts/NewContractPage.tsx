import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { ErrorState, Loading, PageHeader } from '../../ui';
import { ForbiddenContent } from '../auth/ForbiddenContent';
import { usePersonContracts } from './api';
import { ContractEditor } from './ContractEditor';
import { PersonBackLink } from './ContractPage';
import './contracts.css';

/** A new contract of engagement for the person: the editor, then the contract's page once saved. */
export function NewContractPage() {
  const { id: personId = '' } = useParams();
  const context = usePersonContracts(personId);
  const navigate = useNavigate();
  // Navigating from an effect: the editor's leave guard has seen the saved state by then.
  const [saved, setSaved] = useState<{ to: string; message: string } | null>(null);
  useEffect(() => {
    if (saved) void navigate(saved.to, { replace: true, state: { message: saved.message } });
  }, [saved, navigate]);

  if (context.isError && isApiError(context.error) && context.error.status === 403)
    return <ForbiddenContent />;

  return (
    <>
      <PersonBackLink personId={personId} />
      <PageHeader
        title="Nouveau contrat d’engagement"
        description={context.data?.referentName ? <p>Référent unique : {context.data.referentName}</p> : null}
      />
      {context.isPending ? (
        <Loading label="Chargement du dossier…" />
      ) : context.isError ? (
        <ErrorState
          title="Le dossier n’a pas pu être chargé."
          error={context.error}
          onRetry={() => context.refetch()}
        />
      ) : (
        <ContractEditor
          personId={personId}
          contract={null}
          draft={null}
          context={context.data}
          refetch={() => context.refetch()}
          onSaved={(detail, mode) =>
            setSaved({
              to: `/personnes/${personId}/contrats/${detail.id}`,
              message:
                mode === 'propose'
                  ? 'Le contrat est créé et proposé à la signature.'
                  : 'Le brouillon du contrat est enregistré.',
            })
          }
        />
      )}
    </>
  );
}
