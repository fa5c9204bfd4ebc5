import {
  type ImmersionDetail,
  type ImmersionParty,
  immersionParties,
  immersionPartyLabels,
  signatureModeLabels,
} from '@parcours/contracts';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { errorsFromApi, type FormErrorState, noErrors } from '../../lib/forms';
import { Button, FormAlert, Section, TextField } from '../../ui';
import { sendSignLink, signOnScreen } from './api';

/**
 * The three signatures: each party signs on screen (the agent records the party present) or through
 * a single-use link e-mailed to them. Shown while the convention awaits its signatures.
 */
export function SignaturePanel({
  detail: d,
  onChanged,
  canWrite,
}: {
  detail: ImmersionDetail;
  onChanged: (d: ImmersionDetail, message: string) => void;
  canWrite: boolean;
}) {
  const open = d.status === 'awaiting_signatures' && canWrite;
  return (
    <Section id="signatures" title="Signatures">
      {d.status === 'draft' ? (
        <p>Soumettez la convention à la signature pour recueillir les trois signatures.</p>
      ) : null}
      <div className="immersion-panel">
        {immersionParties.map((party) => (
          <PartySignature key={party} detail={d} party={party} open={open} onChanged={onChanged} />
        ))}
      </div>
    </Section>
  );
}

function PartySignature({
  detail: d,
  party,
  open,
  onChanged,
}: {
  detail: ImmersionDetail;
  party: ImmersionParty;
  open: boolean;
  onChanged: (d: ImmersionDetail, message: string) => void;
}) {
  const signature = d.signatures.find((s) => s.party === party);
  const link = d.pendingLinks.find((l) => l.party === party);
  const label = immersionPartyLabels[party];
  const [name, setName] = useState(
    party === 'person' ? d.personName : party === 'host' ? d.content.host.tutorName : '',
  );
  const [email, setEmail] = useState(party === 'host' ? d.content.host.tutorEmail : '');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [pending, setPending] = useState<'screen' | 'link' | null>(null);

  async function run(kind: 'screen' | 'link') {
    setPending(kind);
    setErrors(noErrors);
    try {
      if (kind === 'screen') {
        const next = await signOnScreen(d, party, name);
        onChanged(next, `${label} a signé sur écran.`);
      } else {
        const sent = await sendSignLink(d, party, email);
        onChanged(
          sent.detail,
          `Lien de signature envoyé à ${email} (valable jusqu’au ${formatDateTime(sent.expiresAt)}).`,
        );
      }
    } catch (error) {
      setErrors(errorsFromApi(error, kind === 'screen' ? ['signerName'] : ['email']));
    } finally {
      setPending(null);
    }
  }

  return (
    <article className="card" aria-labelledby={`signature-${party}`}>
      <h3 id={`signature-${party}`}>{label}</h3>
      {signature ? (
        <p>
          Signée par {signature.signerName} le {formatDateTime(signature.signedAt)},{' '}
          {signatureModeLabels[signature.mode]}
          {signature.recordedByName ? ` (enregistrée par ${signature.recordedByName})` : ''}.
        </p>
      ) : (
        <p>
          Pas encore signée.{link ? ` Lien envoyé à ${link.email} le ${formatDateTime(link.sentAt)}.` : ''}
        </p>
      )}
      {open && !signature ? (
        <form noValidate onSubmit={(e) => e.preventDefault()}>
          <FormAlert title="La signature n’a pas été enregistrée" message={errors.message} />
          <TextField
            label={`Nom du signataire (${label.toLowerCase()})`}
            value={name}
            onChange={setName}
            error={errors.fields.signerName}
          />
          <Button variant="secondary" pending={pending === 'screen'} onClick={() => void run('screen')}>
            Enregistrer la signature sur écran
          </Button>
          <TextField
            label={`E-mail pour le lien de signature (${label.toLowerCase()})`}
            type="email"
            optional
            value={email}
            onChange={setEmail}
            error={errors.fields.email}
          />
          <Button variant="secondary" pending={pending === 'link'} onClick={() => void run('link')}>
            Envoyer le lien de signature
          </Button>
        </form>
      ) : null}
    </article>
  );
}
