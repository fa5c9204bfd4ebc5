import type { Account } from '@parcours/contracts';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { EmptyState, ErrorState, LiveMessage, Loading, PageHeader } from '../../ui';
import { AccountActions } from './AccountActions';
import { AccountForm } from './AccountForm';
import { AccountSummary } from './AccountSummary';
import { useAccount } from './api';

const backLink = (
  <p className="back-link">
    <Link to="/administration/comptes">
      <span aria-hidden="true">← </span>Retour à la liste des comptes
    </Link>
  </p>
);

export function CreateAccountPage() {
  const navigate = useNavigate();
  return (
    <>
      {backLink}
      <PageHeader
        title="Créer un compte"
        description={
          <p>Les bénéficiaires n’ont pas de compte créé ici : leur espace est ouvert depuis leur dossier.</p>
        }
      />
      <AccountForm
        account={null}
        version={null}
        onSaved={(account, hasPassword) =>
          void navigate('/administration/comptes', {
            state: {
              message: hasPassword
                ? `Le compte de ${account.displayName} a été créé.`
                : `Le compte de ${account.displayName} a été créé. Pour qu’il choisisse son mot de passe, ouvrez son compte et envoyez-lui un lien de réinitialisation (inutile s’il se connecte avec son compte professionnel).`,
            },
          })
        }
      />
    </>
  );
}

export function EditAccountPage() {
  const { id } = useParams();
  const accounts = useAccount(id ?? '');
  const account = accounts.data ?? null;
  return (
    <>
      {backLink}
      {accounts.isPending ? (
        <>
          <PageHeader title="Compte" />
          <Loading label="Chargement du compte…" />
        </>
      ) : accounts.isError && !(isApiError(accounts.error) && accounts.error.status === 404) ? (
        <>
          <PageHeader title="Compte" />
          <ErrorState error={accounts.error} onRetry={() => accounts.refetch()} />
        </>
      ) : !account ? (
        <>
          <PageHeader title="Compte introuvable" />
          <EmptyState title="Ce compte n’existe pas ou n’est plus accessible.">
            <p>
              <Link to="/administration/comptes">Retour à la liste des comptes</Link>
            </p>
          </EmptyState>
        </>
      ) : (
        <EditAccount key={account.id} account={account} refetch={accounts.refetch} />
      )}
    </>
  );
}

function EditAccount({
  account,
  refetch,
}: {
  account: Account;
  refetch: () => Promise<{ data?: Account | undefined }>;
}) {
  // The version the next save is based on: moves on with each save, or with a reload after a conflict.
  const [version, setVersion] = useState(account.version);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <PageHeader title={`Compte de ${account.displayName}`} />
      <AccountSummary account={account} />

      <section className="section" aria-labelledby="informations">
        <h2 id="informations">Rôle et périmètre</h2>
        <LiveMessage>{saved ? 'Les modifications du compte ont été enregistrées.' : null}</LiveMessage>
        <AccountForm
          account={account}
          version={version}
          onSaved={(updated) => {
            setVersion(updated.version);
            setSaved(true);
          }}
          onReload={async () => {
            setSaved(false);
            const fresh = (await refetch()).data;
            if (fresh?.id === account.id) setVersion(fresh.version);
          }}
        />
      </section>

      <AccountActions account={account} version={version} onVersion={setVersion} />
    </>
  );
}
