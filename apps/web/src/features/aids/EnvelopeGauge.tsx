import { type AidConsumption, formatCents } from '@parcours/contracts';

/** What an envelope has: its amount, committed (validated, in payment, paid), asked, left. */
export function EnvelopeGauge({ envelope }: { envelope: AidConsumption }) {
  if (envelope.amountCents === null)
    return (
      <span className="muted">
        Aucune enveloppe ouverte ({envelope.year}, {envelope.hubName})
      </span>
    );
  return (
    <span>
      Enveloppe {envelope.year} : {formatCents(envelope.amountCents)} · engagé{' '}
      {formatCents(envelope.committedCents)} · reste{' '}
      <strong>{formatCents(envelope.remainingCents ?? 0)}</strong>
      {envelope.requestedCents > 0 ? (
        <span className="muted"> · demandes en attente {formatCents(envelope.requestedCents)}</span>
      ) : null}
    </span>
  );
}
