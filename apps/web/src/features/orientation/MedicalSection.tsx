import {
  type MedicalRecommendation,
  medicalReferralStatusLabels,
  type OrientationWorkspace,
} from '@parcours/contracts';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { Badge, Button, Item, Section } from '../../ui';
import { useCan } from '../auth/session';
import { MedicalRequestDialog } from './MedicalRequestDialog';

function RecommendationView({ r }: { r: MedicalRecommendation }) {
  return (
    <dl className="summary-list">
      <Item label="Demande">
        {formatDate(r.requestedOn)} — {r.requestReason}
      </Item>
      <Item label="État">
        <Badge tone={r.status === 'completed' ? 'success' : r.status === 'cancelled' ? 'neutral' : 'warning'}>
          {medicalReferralStatusLabels[r.status]}
        </Badge>
      </Item>
      {r.status === 'completed' ? (
        <>
          <Item label="Actions compatibles">{r.compatibleActions ?? '—'}</Item>
          <Item label="Parcours de soins conseillé">
            {r.carePathwayAdvised == null ? '—' : r.carePathwayAdvised ? 'Oui' : 'Non'}
          </Item>
          <Item label="Recommandation">{r.recommendation ?? '—'}</Item>
          <Item label="Avis rendu le">{r.recommendedOn ? formatDate(r.recommendedOn) : '—'}</Item>
        </>
      ) : null}
    </dl>
  );
}

export function MedicalSection({
  w,
  onRequested,
}: {
  w: OrientationWorkspace;
  onRequested: (m: string) => Promise<void>;
}) {
  const canRefer = useCan('medical.refer');
  const [open, setOpen] = useState(false);
  const openOne = w.medical.some((r) => r.status === 'requested' || r.status === 'in_progress');
  return (
    <Section id="equipe-medicale" title="Équipe médicale">
      <p className="form-note">
        Seule la recommandation de l’équipe médicale est visible ici ; les informations médicales restent
        réservées à l’équipe médicale du pôle.
      </p>
      {w.medical.length === 0 ? (
        <p className="muted">Aucune demande d’avis n’a été adressée à l’équipe médicale.</p>
      ) : (
        w.medical.map((r) => <RecommendationView key={r.referralId} r={r} />)
      )}
      {canRefer && !openOne ? (
        <div className="form-actions">
          <Button variant="secondary" onClick={() => setOpen(true)}>
            Adresser à l’équipe médicale
          </Button>
        </div>
      ) : null}
      <MedicalRequestDialog
        personId={w.person.id}
        open={open}
        onClose={() => setOpen(false)}
        onRequested={async () => {
          setOpen(false);
          await onRequested('La demande d’avis est adressée à l’équipe médicale du pôle.');
        }}
      />
    </Section>
  );
}
