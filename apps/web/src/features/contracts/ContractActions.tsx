import {
  allowedTargets,
  type ContractDetail,
  type ContractVersion,
  engagementContractWorkflow,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api';
import { Alert, Button, Dialog, TextAreaField } from '../../ui';
import { useActor, useCan } from '../auth/session';
import { amendContract, type ContractMove, contractChanged, contractKeys, moveContract } from './api';
import { RefusalDialog } from './RefusalDialog';

type Closing = 'ended' | 'cancelled';

const closings: Record<
  Closing,
  { button: string; title: string; label: string; done: string; failed: string }
> = {
  ended: {
    button: 'Terminer le contrat',
    title: 'Terminer le contrat en vigueur ?',
    label: 'Motif de la fin du contrat',
    done: 'Le contrat est terminé.',
    failed: 'Le contrat n’a pas été terminé',
  },
  cancelled: {
    button: 'Annuler le contrat',
    title: 'Annuler ce contrat ?',
    label: 'Motif de l’annulation',
    done: 'Le contrat est annulé.',
    failed: 'Le contrat n’a pas été annulé',
  },
};

/**
 * What the agent may do with the contract, from the workflow table: take a proposed version back
 * to draft, write an amendment of the contract in force, end it or cancel it (with a reason).
 */
export function ContractActions({
  contract,
  current,
  onDone,
}: {
  contract: ContractDetail;
  current: ContractVersion | null;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const actor = useActor();
  const canWrite = useCan('contract.write');
  const [closing, setClosing] = useState<Closing | null>(null);
  const [refusing, setRefusing] = useState(false);
  const allowed = allowedTargets(engagementContractWorkflow, contract.status, actor.role);

  const action = useMutation({
    mutationFn: (input: { to: ContractMove | 'amend'; reason?: string }) =>
      input.to === 'amend'
        ? amendContract(contract.id)
        : moveContract(contract.id, input.to, contract.version, input.reason ?? null),
    onSuccess: async (detail, input) => {
      await contractChanged(queryClient, detail);
      setClosing(null);
      if (input.to === 'amend')
        onDone('L’avenant est créé en brouillon : modifiez-le puis proposez-le à la signature.');
      else if (input.to === 'draft')
        onDone('Le contrat est repris en brouillon : il peut de nouveau être modifié.');
      else if (input.to === 'ended' || input.to === 'cancelled') onDone(closings[input.to].done);
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: contractKeys.contract(contract.id) });
    },
  });

  if (!canWrite) return null;
  const backToDraft = current?.status === 'proposed';
  const amend = contract.status === 'in_force' && contract.currentVersionNo === contract.inForceVersionNo;
  const closable = (['ended', 'cancelled'] as const).filter((to) => allowed.includes(to));
  if (!backToDraft && !amend && closable.length === 0) return null;

  return (
    <>
      <div className="row-actions">
        {backToDraft ? (
          <Button
            variant="secondary"
            pending={action.isPending && action.variables?.to === 'draft'}
            onClick={() => action.mutate({ to: 'draft' })}
          >
            Reprendre en brouillon
          </Button>
        ) : null}
        {backToDraft ? (
          <Button variant="secondary" onClick={() => setRefusing(true)}>
            La personne refuse de signer
          </Button>
        ) : null}
        {amend ? (
          <Button
            variant="secondary"
            pending={action.isPending && action.variables?.to === 'amend'}
            onClick={() => action.mutate({ to: 'amend' })}
          >
            Rédiger un avenant
          </Button>
        ) : null}
        {closable.map((to) => (
          <Button
            key={to}
            variant="tertiary"
            onClick={() => {
              action.reset();
              setClosing(to);
            }}
          >
            {closings[to].button}
          </Button>
        ))}
      </div>
      {action.isError && !closing ? (
        <Alert tone="error" title="L’action n’a pas été faite">
          <p>{errorMessage(action.error)}</p>
        </Alert>
      ) : null}
      {refusing ? (
        <RefusalDialog
          contract={contract}
          amendment={contract.status === 'in_force'}
          canCancel={allowed.includes('cancelled')}
          onClose={() => setRefusing(false)}
          onDone={onDone}
        />
      ) : null}
      {closing ? (
        <Dialog open title={closings[closing].title} onClose={() => setClosing(null)} role="alertdialog">
          <ReasonForm
            closing={closing}
            pending={action.isPending}
            error={action.isError ? errorMessage(action.error) : null}
            onSubmit={(reason) => action.mutate({ to: closing, reason })}
            onCancel={() => setClosing(null)}
          />
        </Dialog>
      ) : null}
    </>
  );
}

function ReasonForm({
  closing,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  closing: Closing;
  pending: boolean;
  error: string | null;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const texts = closings[closing];
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!reason.trim()) {
          setMissing('Motif : obligatoire.');
          return;
        }
        setMissing(undefined);
        onSubmit(reason.trim());
      }}
    >
      {error ? (
        <Alert tone="error" title={texts.failed}>
          <p>{error}</p>
        </Alert>
      ) : null}
      <TextAreaField
        label={texts.label}
        value={reason}
        onChange={setReason}
        maxLength={500}
        rows={3}
        error={missing}
      />
      <div className="form-actions">
        <Button type="submit" variant="danger" pending={pending}>
          {texts.button}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Ne rien changer
        </Button>
      </div>
    </form>
  );
}
