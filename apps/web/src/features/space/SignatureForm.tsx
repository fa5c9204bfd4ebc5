import {
  type ContractVersion,
  PERSON_SIGNATURE_STATEMENT,
  type SignatureCodeAnswer,
} from '@parcours/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../lib/forms';
import { Button, FormAlert } from '../../ui';
import { Checkbox, Fieldset, TextField } from '../../ui/fields';
import { requestSignatureCode, useSignContract, useSpaceOverview } from './api';

// The hash and version are not fields of this form: their refusals go to the banner.
const fields = ['channel', 'code', 'statementAccepted'] as const;

/**
 * Signing = a fresh code (sent by SMS or e-mail) + the statement ticked. The version's hash shown
 * here travels with the signature: a version changed meanwhile is refused.
 */
export function SignatureForm({ contractId, version }: { contractId: string; version: ContractVersion }) {
  const overview = useSpaceOverview();
  const channels = overview.data?.signatureChannels ?? ['email'];
  const [channel, setChannel] = useState<'sms' | 'email'>(channels[0] ?? 'email');
  const [sent, setSent] = useState<SignatureCodeAnswer | null>(null);
  const [sending, setSending] = useState(false);
  const [code, setCode] = useState('');
  const [statement, setStatement] = useState(false);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const formRef = useRef<HTMLFormElement>(null);
  const sign = useSignContract(contractId);

  function fail(error: unknown) {
    setErrors(errorsFromApi(error, fields));
    focusFirstInvalid(formRef.current);
  }

  async function sendCode() {
    setSending(true);
    setErrors(noErrors);
    try {
      setSent(await requestSignatureCode(channel));
    } catch (error) {
      fail(error);
    } finally {
      setSending(false);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors(noErrors);
    try {
      await sign.mutateAsync({
        versionNumber: version.number,
        contentHash: version.contentHash ?? '',
        code,
        statementAccepted: statement,
      });
    } catch (error) {
      fail(error);
    }
  }

  // Once signed, the page shows the signature (the contract's data is refreshed).
  return (
    <section className="card" aria-labelledby="signer">
      <h2 id="signer" className="space-card__title">
        Signer mon contrat
      </h2>
      <form ref={formRef} onSubmit={submit} noValidate>
        <FormAlert
          title="Le contrat n’a pas été signé"
          message={errors.message}
          fieldCount={Object.keys(errors.fields).length}
        />
        <Fieldset legend="1. Recevoir un code de signature">
          {channels.length > 1 ? (
            <fieldset className="space-choice-group">
              <legend>Où recevoir le code ?</legend>
              <div className="space-choice">
                <Button
                  variant={channel === 'sms' ? 'primary' : 'secondary'}
                  aria-pressed={channel === 'sms'}
                  onClick={() => setChannel('sms')}
                >
                  Par SMS
                </Button>
                <Button
                  variant={channel === 'email' ? 'primary' : 'secondary'}
                  aria-pressed={channel === 'email'}
                  onClick={() => setChannel('email')}
                >
                  Par e-mail
                </Button>
              </div>
            </fieldset>
          ) : null}
          {sent ? (
            <p role="status">
              Code envoyé {sent.channel === 'sms' ? 'par SMS au' : 'par e-mail à'} {sent.sentTo}. Il est
              valable {sent.validMinutes} minutes.
            </p>
          ) : null}
          {errors.fields.channel ? <p className="field__error">{errors.fields.channel}</p> : null}
          <Button variant="secondary" className="button--block" pending={sending} onClick={sendCode}>
            {sent ? 'Recevoir un nouveau code' : 'Recevoir mon code'}
          </Button>
        </Fieldset>
        <Fieldset legend="2. Confirmer">
          <TextField
            label="Code reçu (6 chiffres)"
            name="code"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            value={code}
            onChange={setCode}
            error={errors.fields.code}
          />
          <Checkbox
            label={PERSON_SIGNATURE_STATEMENT}
            name="statementAccepted"
            checked={statement}
            onChange={setStatement}
            error={errors.fields.statementAccepted}
          />
          <p className="muted">
            Version {version.number} — empreinte {version.contentHash?.slice(0, 12) ?? '—'}…
          </p>
          <Button type="submit" pending={sign.isPending} className="button--block">
            Signer mon contrat
          </Button>
        </Fieldset>
      </form>
    </section>
  );
}
