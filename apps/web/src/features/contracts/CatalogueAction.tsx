import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Dialog } from '../../ui';
import { ActionPicker, type PickedAction } from '../catalogue/ActionPicker';
import { useAction } from '../catalogue/api';
import type { StepValues } from './draft';
import { formatHours } from './draft';

/** What a pick writes into the plan step: the action, a label, its weekly hours and the session's dates. */
export function stepFromPick(pick: PickedAction): Partial<StepValues> {
  return {
    actionId: pick.actionId,
    label: `${pick.actionCode} — ${pick.title}${pick.sessionLabel ? ` (${pick.sessionLabel})` : ''}`.slice(
      0,
      300,
    ),
    ...(pick.weeklyHours !== null ? { weeklyHours: formatHours(pick.weeklyHours) } : {}),
    ...(pick.startsOn ? { startDate: pick.startsOn } : {}),
    ...(pick.endsOn ? { endDate: pick.endsOn } : {}),
  };
}

function ChosenAction({ actionId }: { actionId: string }) {
  const action = useAction(actionId);
  if (action.isPending) return <>Action du catalogue choisie.</>;
  if (action.isError) return <>Action du catalogue choisie (introuvable dans le catalogue).</>;
  return (
    <>
      Action choisie :{' '}
      <Link to={`/catalogue/actions/${actionId}`}>{`${action.data.code} — ${action.data.title}`}</Link>
      {action.data.status === 'annulee' ? ' (action annulée)' : ''}
    </>
  );
}

/**
 * The place of an action of the catalogue in a plan step (kind "Action du programme départemental
 * d’insertion"): search the catalogue (need, commune, public, free text, free places), then pick
 * an action or one of its sessions; the step takes its id, label, weekly hours and dates.
 */
export function CatalogueAction({
  actionId,
  hintId,
  stepName,
  onChange,
}: {
  actionId: string | null;
  hintId: string;
  /** « l’étape 2 », for the buttons' names. */
  stepName?: string;
  onChange?: (patch: Partial<StepValues>) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div id={hintId} className="field__hint plan-step__wide">
      <p>{actionId ? <ChosenAction actionId={actionId} /> : 'Aucune action du catalogue choisie.'}</p>
      {onChange ? (
        <div className="row-actions">
          <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
            {actionId ? 'Changer d’action du catalogue' : 'Choisir une action du catalogue'}
            {stepName ? <span className="sr-only"> pour {stepName}</span> : null}
          </Button>
          {actionId ? (
            <Button size="sm" variant="tertiary" onClick={() => onChange({ actionId: null })}>
              Retirer l’action du catalogue{stepName ? <span className="sr-only"> de {stepName}</span> : null}
            </Button>
          ) : null}
        </div>
      ) : null}
      <Dialog open={open} size="lg" title="Choisir une action du catalogue" onClose={() => setOpen(false)}>
        <ActionPicker
          onPick={(pick) => {
            onChange?.(stepFromPick(pick));
            setOpen(false);
          }}
        />
      </Dialog>
    </div>
  );
}
