import { type ContractDetail, type ContractVersion, PERSON_SIGNATURE_STATEMENT } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { Alert, Button, Checkbox, Section } from '../../ui';
import { contractChanged, contractKeys, signContract } from './api';

type Party = 'agent' | 'person_on_screen';

/**
 * The two signatures of a proposed version, on screen: the référent's for the structure, then the
 * person's own, in their presence, with their explicit statement. Each signature names the version
 * and its hash: a version changed meanwhile is refused.
 */
export function SignaturePanel({
  contract,
  version,
  onDone,
}: {
  contract: ContractDetail;
  version: ContractVersion;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [statement, setStatement] = useState(false);
  const [statementError, setStatementError] = useState<string | undefined>();
  const sign = useMutation({
    mutationFn: (party: Party) =>
      signContract(
        contract,
        party,
        { versionNumber: version.number, contentHash: version.contentHash ?? '' },
        party === 'person_on_screen' ? statement : false,
      ),
    onSuccess: async (detail, party) => {
      await contractChanged(queryClient, detail);
      onDone(
        party === 'agent'
          ? 'La signature du référent est enregistrée.'
          : 'La signature de la personne est enregistrée.',
      );
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: contractKeys.contract(contract.id) });
    },
  });

  function signForPerson(event: FormEvent) {
    event.preventDefault();
    if (!statement) {
      setStatementError('Cochez la déclaration de la personne pour enregistrer sa signature.');
      return;
    }
    setStatementError(undefined);
    sign.mutate('person_on_screen');
  }

  return (
    <Section id="signatures" title="Signatures">
      <p>
        Version n° {version.number} proposée à la signature
        {version.proposedAt ? ` le ${formatDateTime(version.proposedAt)}` : ''}. Empreinte du contenu :{' '}
        <span className="contract-hash">{version.contentHash ?? '—'}</span>
      </p>
      {sign.isError ? (
        <Alert tone="error" title="La signature n’a pas été enregistrée">
          <p>{errorMessage(sign.error)}</p>
          {isApiError(sign.error) && sign.error.status === 409 ? (
            <p>Le contrat vient d’être rechargé : vérifiez la version affichée avant de signer.</p>
          ) : null}
        </Alert>
      ) : null}
      <div className="signature-grid">
        <div className="card">
          <h3>Signature du référent</h3>
          {version.agentSignedAt ? (
            <p>
              Signée le {formatDateTime(version.agentSignedAt)}
              {version.agentSignedByName ? ` par ${version.agentSignedByName}` : ''}.
            </p>
          ) : (
            <>
              <p>Vous signez le contrat au nom de la structure d’accompagnement.</p>
              <Button
                pending={sign.isPending && sign.variables === 'agent'}
                onClick={() => {
                  sign.reset();
                  sign.mutate('agent');
                }}
              >
                Signer en tant que référent
              </Button>
            </>
          )}
        </div>
        <div className="card">
          <h3>Signature de la personne (en présence)</h3>
          {version.personSignedAt ? (
            <p>
              Signée le {formatDateTime(version.personSignedAt)}
              {version.personSignatureMethod === 'beneficiary_space'
                ? ' depuis son espace personnel.'
                : ' à l’écran, en présence du référent.'}
            </p>
          ) : (
            <form noValidate onSubmit={signForPerson}>
              <p>La personne lit son contrat et coche elle-même la déclaration.</p>
              <Checkbox
                label={`La personne déclare : « ${PERSON_SIGNATURE_STATEMENT} »`}
                checked={statement}
                onChange={setStatement}
                error={statementError}
              />
              <Button type="submit" pending={sign.isPending && sign.variables === 'person_on_screen'}>
                Enregistrer la signature de la personne
              </Button>
            </form>
          )}
        </div>
      </div>
    </Section>
  );
}
