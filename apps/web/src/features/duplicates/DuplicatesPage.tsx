import type { DuplicateSuspect, PersonSummary } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api';
import { formatDate, formatDateTime, formatNir, plural } from '../../lib/format';
import { emptyToNull } from '../../lib/forms';
import {
  Alert,
  Badge,
  Button,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  FilterLinks,
  LiveMessage,
  Loading,
  PageHeader,
  TextAreaField,
} from '../../ui';
import { useCan } from '../auth/session';
import { householdRoleLabel, personName, sexLabels } from '../persons/labels';
import { RightsBadges } from '../persons/PersonSearchPage';
import { type DuplicateStatus, duplicateKeys, duplicateStatuses, postDecision, useDuplicates } from './api';

const statusLabels: Record<DuplicateStatus, string> = {
  open: 'À examiner',
  linked: 'Liées',
  dismissed: 'Écartées',
};

const statusTones: Record<DuplicateStatus, 'neutral' | 'success' | 'warning' | 'danger'> = {
  open: 'warning',
  linked: 'success',
  dismissed: 'neutral',
};

const emptyTitles: Record<DuplicateStatus, string> = {
  open: 'Aucune suspicion de doublon n’est à examiner.',
  linked: 'Aucune paire de dossiers n’a encore été liée.',
  dismissed: 'Aucune suspicion n’a encore été écartée.',
};

function isStatus(value: string | null): value is DuplicateStatus {
  return !!value && (duplicateStatuses as string[]).includes(value);
}

export function DuplicatesPage() {
  const [params] = useSearchParams();
  const raw = params.get('statut');
  const status: DuplicateStatus = isStatus(raw) ? raw : 'open';
  const suspects = useDuplicates(status);
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title="Doublons suspectés"
        description={
          <p>
            Lors de l’import des flux, deux dossiers qui semblent concerner la même personne sans certitude
            sont mis de côté ici. Comparez-les, puis liez-les s’il s’agit de la même personne, ou écartez la
            suspicion.
          </p>
        }
      />
      <FilterLinks
        label="Afficher les suspicions"
        items={duplicateStatuses.map((s) => ({
          key: s,
          to: s === 'open' ? '/doublons' : `/doublons?statut=${s}`,
          label: statusLabels[s],
          current: s === status,
        }))}
      />
      <LiveMessage>{message}</LiveMessage>
      {conflict ? (
        <Alert tone="warning" title="Modification simultanée">
          <p>{conflict}</p>
        </Alert>
      ) : null}
      <section aria-labelledby="liste-suspicions">
        <h2 id="liste-suspicions" className="sr-only">
          Suspicions {statusLabels[status].toLowerCase()}
        </h2>
        {suspects.isPending ? (
          <Loading label="Chargement des suspicions de doublon…" />
        ) : suspects.isError ? (
          <ErrorState error={suspects.error} onRetry={() => suspects.refetch()} />
        ) : suspects.data.length === 0 ? (
          <EmptyState title={emptyTitles[status]} />
        ) : (
          <>
            <p className="muted">
              {plural(suspects.data.length, 'suspicion', 'suspicions')} {statusLabels[status].toLowerCase()}.
            </p>
            <ul className="plain-list suspects">
              {suspects.data.map((suspect, index) => (
                <li key={suspect.id}>
                  <SuspectCard
                    suspect={suspect}
                    index={index + 1}
                    onDecided={(text) => {
                      setConflict(null);
                      setMessage(text);
                    }}
                    onConflict={(text) => {
                      setMessage(null);
                      setConflict(text);
                    }}
                  />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

type Decision = 'link' | 'dismiss';

function SuspectCard({
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

interface Row {
  label: string;
  render: (p: PersonSummary) => ReactNode;
  /** Compared value (differences are pointed out); none for rows not worth comparing. */
  value?: (p: PersonSummary) => string;
}

function normalise(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

function Comparison({ a, b }: { a: PersonSummary; b: PersonSummary }) {
  const canSeeNir = useCan('person.nir');
  const canRead = useCan('person.read');
  const rows: Row[] = [
    { label: 'Nom de naissance', render: (p) => p.birthName, value: (p) => p.birthName },
    { label: 'Nom d’usage', render: (p) => p.usualName ?? '—', value: (p) => p.usualName ?? '' },
    { label: 'Prénom', render: (p) => p.firstName, value: (p) => p.firstName },
    {
      label: 'Date de naissance',
      render: (p) => <time dateTime={p.birthDate}>{formatDate(p.birthDate)}</time>,
      value: (p) => p.birthDate,
    },
    { label: 'Sexe', render: (p) => sexLabels[p.sex], value: (p) => p.sex },
  ];
  if (canSeeNir) {
    rows.push({ label: 'NIR', render: (p) => formatNir(p.nir), value: (p) => p.nir ?? '' });
  }
  rows.push(
    { label: 'N° de dossier', render: (p) => p.claimNumber ?? '—', value: (p) => p.claimNumber ?? '' },
    { label: 'Rôle dans le foyer', render: (p) => householdRoleLabel(p.householdRole) },
    { label: 'Commune', render: (p) => p.communeName ?? '—', value: (p) => p.communeName ?? '' },
    { label: 'Pôle', render: (p) => p.hubName ?? '—' },
    { label: 'Droits', render: (p) => <RightsBadges person={p} /> },
  );
  if (canRead) {
    rows.push({
      label: 'Dossier',
      render: (p) => (
        <Link to={`/personnes/${encodeURIComponent(p.id)}`} state={{ from: '/doublons' }}>
          Ouvrir le dossier<span className="sr-only"> de {personName(p)}</span>
        </Link>
      ),
    });
  }

  return (
    <div className="table-wrapper">
      <table className="table compare">
        <caption className="sr-only">Comparaison des deux dossiers</caption>
        <thead>
          <tr>
            <th scope="col">Information</th>
            <th scope="col">Premier dossier</th>
            <th scope="col">Second dossier</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const differs = row.value ? normalise(row.value(a)) !== normalise(row.value(b)) : false;
            return (
              <tr key={row.label} className={differs ? 'row--diff' : undefined}>
                <th scope="row">
                  {row.label}
                  {differs ? (
                    <>
                      {' '}
                      <Badge tone="warning">différent</Badge>
                    </>
                  ) : null}
                </th>
                <td>{row.render(a)}</td>
                <td>{row.render(b)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
