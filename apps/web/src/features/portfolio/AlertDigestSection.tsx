import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { Alert, Checkbox, LiveMessage } from '../../ui';
import { useDigestPreference, useSetDigestPreference } from './api';

/** « Mon compte »: the agent chooses whether to receive the daily e-mail of their alerts. */
export function AlertDigestSection() {
  const preference = useDigestPreference();
  const change = useSetDigestPreference();
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section className="section" aria-labelledby="recapitulatif-alertes">
      <h2 id="recapitulatif-alertes">Récapitulatif des alertes</h2>
      <p>
        Chaque matin, si des personnes que vous suivez sont en alerte (premier rendez-vous, contrat
        d’engagement, réexamen), Parcours vous envoie la liste par e-mail.
      </p>
      {preference.data ? (
        <Checkbox
          label="Recevoir chaque matin le récapitulatif de mes alertes par e-mail"
          checked={preference.data.enabled}
          disabled={change.isPending}
          onChange={(enabled) => {
            setSaved(null);
            change.mutate(enabled, {
              onSuccess: (d) =>
                setSaved(
                  d.enabled
                    ? 'Vous recevrez le récapitulatif quotidien.'
                    : 'Vous ne recevrez plus le récapitulatif.',
                ),
            });
          }}
        />
      ) : null}
      <LiveMessage>{saved}</LiveMessage>
      {change.isError ? (
        <Alert tone="error" title="Votre choix n’a pas été enregistré">
          <p>{errorMessage(change.error)}</p>
        </Alert>
      ) : null}
    </section>
  );
}
