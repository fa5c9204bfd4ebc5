import { allowedTargets, type ImmersionDetail, immersionWorkflow } from '@parcours/contracts';
import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { Alert, Button, Dialog, FormActions, TextAreaField } from '../../ui';
import { useActor } from '../auth/session';
import { type ImmersionMove, moveImmersion } from './api';

const labels: Record<ImmersionMove, { button: string; done: string }> = {
  awaiting_signatures: {
    button: 'Soumettre à la signature',
    done: 'La convention est soumise à la signature.',
  },
  validated: { button: 'Valider la convention', done: 'La convention est validée.' },
  in_progress: { button: 'Enregistrer le début', done: 'Le début de l’immersion est enregistré.' },
  ended: { button: 'Enregistrer la fin', done: 'La fin de l’immersion est enregistrée.' },
  cancelled: { button: 'Annuler l’immersion', done: 'L’immersion est annulée.' },
};
const moves: ImmersionMove[] = ['awaiting_signatures', 'validated', 'in_progress', 'ended'];

/** The workflow's moves the agent may make now (from the table), cancellation with a reason. */
export function ImmersionActions({
  detail: d,
  onChanged,
}: {
  detail: ImmersionDetail;
  onChanged: (d: ImmersionDetail, message: string) => void;
}) {
  const actor = useActor();
  const allowed = allowedTargets(immersionWorkflow, d.status, actor.role);
  const [pending, setPending] = useState<ImmersionMove | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');

  async function move(to: ImmersionMove, why: string | null = null) {
    setPending(to);
    setError(null);
    try {
      const next = await moveImmersion(d, to, why);
      setCancelling(false);
      onChanged(next, labels[to].done);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(null);
    }
  }

  const shown = moves.filter((m) => allowed.includes(m));
  if (shown.length === 0 && !allowed.includes('cancelled')) return null;
  return (
    <>
      <div className="row-actions">
        {shown.map((to) => (
          <Button key={to} pending={pending === to} onClick={() => void move(to)}>
            {labels[to].button}
          </Button>
        ))}
        {allowed.includes('cancelled') ? (
          <Button variant="tertiary" onClick={() => setCancelling(true)}>
            {labels.cancelled.button}
          </Button>
        ) : null}
      </div>
      {error && !cancelling ? (
        <Alert tone="error" title="L’action n’a pas été faite">
          <p>{error}</p>
        </Alert>
      ) : null}
      {cancelling ? (
        <Dialog
          open
          title="Annuler cette immersion ?"
          onClose={() => setCancelling(false)}
          role="alertdialog"
        >
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void move('cancelled', reason.trim() || null);
            }}
          >
            {error ? (
              <Alert tone="error" title="L’immersion n’a pas été annulée">
                <p>{error}</p>
              </Alert>
            ) : null}
            <TextAreaField label="Motif de l’annulation" value={reason} onChange={setReason} />
            <FormActions
              submitLabel="Annuler l’immersion"
              pending={pending === 'cancelled'}
              onCancel={() => setCancelling(false)}
            />
          </form>
        </Dialog>
      ) : null}
    </>
  );
}
