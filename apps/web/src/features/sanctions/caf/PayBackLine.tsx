import { formatCents, type PayBack } from '@parcours/contracts';
import { formatDate } from '../../../lib/format';

/** The sums to pay back after a remobilisation (indicative: the CAF computes the allocation). */
export function PayBackLine({ payBack: p }: { payBack: PayBack }) {
  return (
    <>
      <dt>Sommes à reverser</dt>
      <dd>
        {formatCents(p.amountCents)} (indicatif) : {p.monthsPaidBack} mois sur {p.monthsSuspended} suspendu(s)
        × {formatCents(p.monthlyBaseCents)} (montant forfaitaire au {formatDate(p.baseEffectiveFrom)}) ×{' '}
        {p.percent} % — trois mois au plus
      </dd>
    </>
  );
}
