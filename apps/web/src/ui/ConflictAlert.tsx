import { Alert } from './Alert';
import { Button } from './Button';

/** 409: someone else changed the record meanwhile. The form keeps the user's values; reloading gets the new version. */
export function ConflictAlert({
  onReload,
  reloading,
  reloaded,
}: {
  onReload: () => void;
  reloading?: boolean;
  reloaded?: boolean;
}) {
  if (reloaded) {
    return (
      <Alert tone="info" title="Données rechargées">
        <p>
          La dernière version est chargée. Vos saisies ont été conservées : vérifiez-les, puis enregistrez à
          nouveau.
        </p>
      </Alert>
    );
  }
  return (
    <Alert tone="warning" title="Modification simultanée">
      <p>
        Quelqu’un d’autre a modifié ces informations pendant que vous les éditiez. Rechargez les données pour
        voir la dernière version avant d’enregistrer à nouveau (vos saisies sont conservées).
      </p>
      <p>
        <Button variant="secondary" size="sm" pending={reloading ?? false} onClick={onReload}>
          Recharger les données
        </Button>
      </p>
    </Alert>
  );
}
