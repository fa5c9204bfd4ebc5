import type { Account } from '@parcours/contracts';
import { formatDateTime } from '../../lib/format';
import { AccountStatus } from './AccountsPage';

/** How the account stands: e-mail, state, last sign-in, ways to sign in. */
export function AccountSummary({ account }: { account: Account }) {
  return (
    <dl className="summary-list">
      <div>
        <dt>Adresse e-mail</dt>
        <dd>{account.email}</dd>
      </div>
      <div>
        <dt>État</dt>
        <dd>
          <AccountStatus account={account} />
        </dd>
      </div>
      <div>
        <dt>Dernière connexion</dt>
        <dd>{formatDateTime(account.lastLoginAt)}</dd>
      </div>
      <div>
        <dt>Moyens de connexion</dt>
        <dd>
          {[
            account.hasPassword ? 'mot de passe' : null,
            account.oidcLinked ? 'compte professionnel (fournisseur d’identité)' : null,
          ]
            .filter(Boolean)
            .join(', ') || 'aucun pour l’instant (envoyez un lien de réinitialisation)'}
        </dd>
      </div>
    </dl>
  );
}
