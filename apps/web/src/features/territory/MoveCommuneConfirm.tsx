import { api, type Commune, plural } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../lib/api';
import { call } from '../../lib/client';
import { ConfirmDialog, Loading } from '../../ui';
import { territoryKeys } from './api';

/**
 * Asks before a commune changes pôle, saying what moves with it: the households of the commune and
 * their persons, counted by the server (no person's data), who change pôle with it.
 */
export function MoveCommuneConfirm({
  commune,
  hubId,
  hubName,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  commune: Commune;
  hubId: string;
  hubName: string;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const preview = useQuery({
    queryKey: [...territoryKeys.all, 'move-preview', commune.inseeCode, hubId],
    queryFn: ({ signal }) =>
      call(api.territory.previewCommuneMove, {
        signal,
        params: { inseeCode: commune.inseeCode },
        query: { hubId },
      }),
    staleTime: 0,
  });
  const p = preview.data;
  return (
    <ConfirmDialog
      open
      title={`Déplacer la commune ${commune.name} vers le pôle ${hubName} ?`}
      confirmLabel="Déplacer la commune"
      pending={pending || preview.isPending}
      error={error ?? (preview.isError ? errorMessage(preview.error) : null)}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {preview.isPending ? (
        <Loading label="Calcul du nombre de personnes concernées…" />
      ) : p ? (
        p.personCount === 0 ? (
          <p>
            Aucune personne suivie n’habite {commune.name} : seul le rattachement de la commune change
            {p.fromHubName ? ` (du pôle ${p.fromHubName} au pôle ${p.toHubName})` : ''}.
          </p>
        ) : (
          <>
            <p>
              <strong>
                {plural(p.personCount, 'personne suivie', 'personnes suivies')} (
                {plural(p.householdCount, 'foyer', 'foyers')}) {p.personCount > 1 ? 'changeront' : 'changera'}{' '}
                de pôle
              </strong>{' '}
              : {p.personCount > 1 ? 'leurs dossiers seront traités' : 'son dossier sera traité'} par le pôle{' '}
              {p.toHubName}
              {p.fromHubName ? ` au lieu du pôle ${p.fromHubName}` : ''}.
            </p>
            <p>
              Les agents du pôle {p.toHubName} {p.personCount > 1 ? 'les' : 'la'} verront dans leurs listes ;
              {p.fromHubName
                ? ` ceux du pôle ${p.fromHubName} n’y auront plus accès.`
                : ' aucun autre pôle n’est concerné.'}
            </p>
          </>
        )
      ) : null}
    </ConfirmDialog>
  );
}
