import type { DuplicateSuspect, PersonSummary } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { emptyToNull } from '../../lib/forms';
import { Badge, Button, ConfirmDialog, TextAreaField } from '../../ui';
import { personName } from '../persons/labels';
import { duplicateKeys, postDecision } from './api';
import { Comparison } from './Comparison';
import { statusLabels, statusTones } from './labels';

type Decision = 'link' | 'dismiss';

/** One suspected pair: the two files side by side, and the decision to link them or dismiss it. */
export function SuspectCard({
  suspect,
  index,
  onDecided,
  onConflict,
}: {
  suspect: DuplicateSuspect;
  index: number;
  onDecided: (message: string) => void;
  onConflict: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState<Decision | null>(null);
  const [a, b] = suspect.persons as [PersonSummary, PersonSummary];
  const headingId = `suspicion-${suspect.id}`;
  const names = `${personName(a)} et ${personName(b)}`;

  const decide = useMutation({
    mutationFn: (decision: Decision) =>
      postDecision(suspect.id, { decision, note: emptyToNull(note), version: suspect.version }),
    onSuccess: async (_result, decision) => {
      setConfirming(null);
      onDecided(
        decision === 'link'
          ? `Les dossiers de ${names} sont liés : il s’agit de la même personne.`
          : `La suspicion de doublon entre ${names} est écartée : les dossiers restent distincts.`,
      );
      await queryClient.invalidateQueries({ queryKey: duplicateKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['persons'] });
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) {
        setConfirming(null);
        onConflict(
          `La suspicion concernant ${names} a été traitée ou modifiée par quelqu’un d’autre entre-temps. La liste est rechargée : vérifiez-la avant de décider à nouveau (votre note est conservée si la suspicion est toujours à examiner).`,
        );
        void queryClient.invalidateQueries({ queryKey: duplicateKeys.all });
      }
    },
  });

  const dialogError =
    decide.isError && !(isApiError(decide.error) && decide.error.status === 409)
      ? errorMessage(decide.error)
      : null;

  return (
    <article className="section suspect" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>
          <span className="sr-only">Suspicion {index} : </span>
          {names}
        </h2>
        <Badge tone={statusTones[suspect.status]}>{statusLabels[suspect.status]}</Badge>
      </div>
      <p>
        <strong>Motif du rapprochement :</strong> {suspect.reasonLabel}
        <span className="muted"> · détecté le {formatDateTime(suspect.createdAt)}</span>
      </p>
      <Comparison a={a} b={b} />
      {suspect.status === 'open' ? (
        <div className="decision">
          <TextAreaField
            label="Note sur la décision"
            optional
            hint="Par exemple : vérifié avec l’acte de naissance. 500 caractères au maximum."
            maxLength={500}
            value={note}
            onChange={setNote}
            className="decision__note"
          />
          <div className="form-actions">
            <Button onClick={() => setConfirming('link')}>Même personne (lier)</Button>
            <Button variant="secondary" onClick={() => setConfirming('dismiss')}>
              Personnes différentes (écarter)
            </Button>
          </div>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming === 'link' ? 'Lier les deux dossiers ?' : 'Écarter la suspicion ?'}
        confirmLabel={confirming === 'link' ? 'Lier les deux dossiers' : 'Écarter la suspicion'}
        pending={decide.isPending}
        error={dialogError}
        onConfirm={() => {
          if (confirming) decide.mutate(confirming);
        }}
        onCancel={() => {
          decide.reset();
          setConfirming(null);
        }}
      >
        {confirming === 'link' ? (
          <p>
            {personName(a)} ({formatDate(a.birthDate)}) et {personName(b)} ({formatDate(b.birthDate)}) seront
            considérés comme une seule et même personne : leurs dossiers seront liés.
          </p>
        ) : (
          <p>
            {personName(a)} et {personName(b)} seront considérés comme deux personnes différentes : leurs
            dossiers resteront distincts et cette paire ne sera plus proposée.
          </p>
        )}
        {note.trim() ? (
          <p>
            Note : <q>{note.trim()}</q>
          </p>
        ) : null}
      </ConfirmDialog>
    </article>
  );
}
