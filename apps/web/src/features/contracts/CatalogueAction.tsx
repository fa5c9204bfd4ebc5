/**
 * The place of an action of the catalogue in a plan step (kind "Action du programme départemental
 * d’insertion"). The catalogue arrives with issue 12: this component will then offer its actions
 * (search, then `onChange(actionId, title)`); until then the step keeps a free label and no action.
 */
export function CatalogueAction({
  actionId,
  hintId,
}: {
  actionId: string | null;
  /** Issue 12: `onChange(actionId: string | null, title: string)` goes here. */
  hintId: string;
}) {
  return (
    <p id={hintId} className="field__hint plan-step__wide">
      {actionId
        ? 'Action du catalogue choisie.'
        : 'Le catalogue des actions n’est pas encore disponible dans Parcours : décrivez l’action dans l’intitulé de l’étape.'}
    </p>
  );
}
