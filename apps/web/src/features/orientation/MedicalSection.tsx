import {
  type MedicalRecommendation,
  medicalReferralStatusLabels,
  type OrientationWorkspace,
} from '@parcours/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { Alert, Badge, Button, Dialog, Item, Section, TextAreaField } from '../../ui';
import { useCan } from '../auth/session';
import { postMedicalReferral } from './api';

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
  const [reason, setReason] = useState('');
  const openOne = w.medical.some((r) => r.status === 'requested' || r.status === 'in_progress');
  const request = useMutation({
    mutationFn: () => postMedicalReferral(w.person.id, reason.trim()),
    onSuccess: async () => {
      setOpen(false);
      setReason('');
      await onRequested('La demande d’avis est adressée à l’équipe médicale du pôle.');
    },
  });
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
      <Dialog
        open={open}
        title="Adresser à l’équipe médicale"
        description="La demande est transmise à l’équipe médicale du pôle de la personne."
        onClose={() => {
          request.reset();
          setOpen(false);
        }}
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim().length >= 3) request.mutate();
          }}
        >
          {request.isError ? (
            <Alert tone="error" title="La demande n’a pas pu être envoyée">
              <p>{errorMessage(request.error)}</p>
            </Alert>
          ) : null}
          <TextAreaField
            label="Motif de la demande"
            hint="Sans information médicale : par exemple « difficultés de santé déclarées lors du diagnostic, avis sur les actions compatibles »."
            value={reason}
            onChange={setReason}
            minLength={3}
            maxLength={1000}
            error={
              reason.length > 0 && reason.trim().length < 3
                ? 'Le motif doit contenir au moins 3 caractères.'
                : undefined
            }
          />
          <div className="form-actions">
            <Button type="submit" pending={request.isPending}>
              Envoyer la demande
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                request.reset();
                setOpen(false);
              }}
            >
              Annuler
            </Button>
          </div>
        </form>
      </Dialog>
    </Section>
  );
}
