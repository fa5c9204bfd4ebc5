import type { PersonFile } from '@parcours/contracts';
import { formatDateTime } from '../../../lib/format';
import { Badge, Item, Section } from '../../../ui';
import { ftStateLabels, ftStateTones } from '../labels';

export function FranceTravailSection({ value }: { value: PersonFile['franceTravail'] }) {
  return (
    <Section id="france-travail" title="Inscription France Travail">
      {!value ? (
        <p className="muted">Aucune inscription à France Travail n’est prévue pour cette personne.</p>
      ) : (
        <dl className="summary-list">
          <Item label="État">
            <Badge tone={ftStateTones[value.state]}>{ftStateLabels[value.state]}</Badge>
          </Item>
          <Item label="Identifiant France Travail">{value.identifier ?? '—'}</Item>
          {value.state === 'rejected' || value.reason ? (
            <Item label="Motif du refus">{value.reason ?? 'Non précisé'}</Item>
          ) : null}
          <Item label="Mise à jour le">{formatDateTime(value.updatedAt)}</Item>
        </dl>
      )}
    </Section>
  );
}
