import {
  type OrientationWorkspace,
  orientationPathwayLabels,
  structureKindLabels,
} from '@parcours/contracts';
import { Section } from '../../ui';
import { useCan } from '../auth/session';
import { DecisionPanel } from './DecisionPanel';

export function ProposalSection({
  w,
  onDecided,
  reload,
}: {
  w: OrientationWorkspace;
  onDecided: (message: string) => Promise<void>;
  reload: () => Promise<unknown>;
}) {
  const canDecide = useCan('orientation.decide');
  const { proposal } = w;
  return (
    <Section id="proposition" title="Proposition d’orientation">
      <div className="card">
        <p className="card__title">
          Orientation <strong>{orientationPathwayLabels[proposal.pathway].toLowerCase()}</strong> —{' '}
          {structureKindLabels[proposal.bodyKind]}
        </p>
        <p>
          Structure proposée :{' '}
          {proposal.structure ? (
            <strong>{proposal.structure.name}</strong>
          ) : (
            <span className="text-warning">aucune structure de ce type n’est enregistrée</span>
          )}
        </p>
        <h3>Pourquoi cette proposition</h3>
        <ul>
          {proposal.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        {proposal.alternatives.length > 0 ? (
          <details className="details">
            <summary className="details__summary">
              Autres structures possibles ({proposal.alternatives.length})
            </summary>
            <ul className="compact-list">
              {proposal.alternatives.map((s) => (
                <li key={s.id}>
                  {s.name} <span className="muted">({structureKindLabels[s.kind]})</span>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
      {canDecide ? (
        <DecisionPanel
          workspace={w}
          onReload={reload}
          onDecided={(result) =>
            void onDecided(
              `${result.orientation.previousOrientationId ? 'Réorientation' : 'Orientation'} ${result.orientation.pathwayLabel.toLowerCase()} vers ${result.orientation.structureName} enregistrée.${result.medicalReferralId ? ' Une demande d’avis est adressée à l’équipe médicale du pôle.' : ''}`,
            )
          }
        />
      ) : null}
    </Section>
  );
}
