import { Button } from '../../ui';
import { CatalogueSearch } from './CatalogueSearch';

/**
 * Find an action of the catalogue (by need, commune or pôle, public, free text) with its sessions
 * and free places, and pick one: used by the contract's action plan, the referral dialog and the
 * orientation screen. The props and `PickedAction` are the contract other features rely on.
 */
export type PickedAction = {
  actionId: string;
  actionCode: string;
  title: string;
  /** The session chosen, when the action has sessions (null: permanent entries). */
  sessionId: string | null;
  sessionLabel: string | null;
  weeklyHours: number | null;
  startsOn: string | null;
  endsOn: string | null;
  /** Free places of the session (or of the action over its open sessions); null: not counted. */
  freePlaces: number | null;
};

export type ActionPickerProps = {
  /** Prefills the commune filter (the person's commune). */
  defaultCommuneCode?: string | null;
  /** Prefills the need filter (a diagnosis theme id or a data·inclusion thématique code). */
  defaultNeed?: string | null;
  /** Label of the button that picks a result ("Choisir", "Orienter vers cette session"). */
  pickLabel?: string;
  onPick: (choice: PickedAction) => void;
};

export function ActionPicker({
  defaultCommuneCode,
  defaultNeed,
  pickLabel = 'Choisir',
  onPick,
}: ActionPickerProps) {
  return (
    <CatalogueSearch
      headingLevel={4}
      initial={{ communeCode: defaultCommuneCode ?? '', need: defaultNeed ?? '' }}
      renderPick={(action, session, describedBy) => (
        <Button
          size="sm"
          variant="secondary"
          aria-describedby={describedBy}
          onClick={() =>
            onPick({
              actionId: action.id,
              actionCode: action.code,
              title: action.title,
              sessionId: session?.id ?? null,
              sessionLabel: session?.label ?? null,
              weeklyHours: session?.weeklyHours ?? action.weeklyHours,
              startsOn: session?.startsOn ?? null,
              endsOn: session?.endsOn ?? null,
              freePlaces: session ? session.freePlaces : action.freePlaces,
            })
          }
        >
          {pickLabel}
        </Button>
      )}
    />
  );
}
