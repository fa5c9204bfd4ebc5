import {
  type Diagnosis,
  type MedicalRecommendation,
  medicalReferralStatusLabels,
  type Orientation,
  type OrientationWorkspace,
  obstacleSeverityLabels,
  orientationPathwayLabels,
  orientationProgrammeLabels,
  structureKindLabels,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api';
import { formatDate, formatDateTime, plural } from '../../lib/format';
import {
  Alert,
  Badge,
  Button,
  type Column,
  Dialog,
  EmptyState,
  ErrorState,
  Item,
  LiveMessage,
  Loading,
  PageHeader,
  Section,
  Table,
  TextAreaField,
  VisuallyHidden,
} from '../../ui';
import { PersonAppointments } from '../agenda/PersonAppointments';
import { ForbiddenContent } from '../auth/ForbiddenContent';
import { useCan } from '../auth/session';
import { personName } from '../persons/labels';
import {
  letterUrl,
  orientationKeys,
  postMedicalReferral,
  useDiagnosticReferential,
  useOrientationWorkspace,
} from './api';
import { DecisionPanel } from './DecisionPanel';
import { DiagnosisForm } from './DiagnosisForm';

/** Diagnostic, proposition et décision d'orientation d'une personne. */
export function OrientationWorkspacePage() {
  const { id = '' } = useParams();
  const workspace = useOrientationWorkspace(id);

  if (workspace.isError && isApiError(workspace.error) && workspace.error.status === 403)
    return <ForbiddenContent />;
  if (workspace.isError && isApiError(workspace.error) && [400, 404].includes(workspace.error.status)) {
    return (
      <>
        <PageHeader title="Personne introuvable" />
        <p>
          <Link to="/personnes">Rechercher la personne par son nom ou sa date de naissance</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <p className="back-link">
        <Link to={`/personnes/${encodeURIComponent(id)}`}>
          <span aria-hidden="true">← </span>Dossier de la personne
        </Link>
      </p>
      <PageHeader
        title={
          workspace.data
            ? `Orientation de ${personName(workspace.data.person)}`
            : 'Orientation de la personne'
        }
        description={workspace.data ? <Headline w={workspace.data} /> : null}
      />
      {workspace.isPending ? (
        <Loading label="Chargement de la situation de la personne…" />
      ) : workspace.isError ? (
        <ErrorState error={workspace.error} onRetry={() => workspace.refetch()} />
      ) : (
        <Workspace key={id} w={workspace.data} reload={() => workspace.refetch()} />
      )}
    </>
  );
}

function Headline({ w }: { w: OrientationWorkspace }) {
  const parts = [`${w.person.age} ans`, w.household.compositionLabel];
  if (w.person.communeName) parts.push(w.person.communeName);
  if (w.person.hubName) parts.push(`pôle ${w.person.hubName}`);
  return <p>{parts.join(' · ')}</p>;
}

function Workspace({ w, reload }: { w: OrientationWorkspace; reload: () => Promise<unknown> }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const refresh = async (text: string) => {
    setMessage(text);
    await queryClient.invalidateQueries({ queryKey: orientationKeys.workspace(w.person.id) });
    void queryClient.invalidateQueries({ queryKey: ['persons', 'file', w.person.id] });
    void queryClient.invalidateQueries({ queryKey: ['orientation-queue'] });
  };
  return (
    <>
      <nav className="toc" aria-label="Sommaire de l’orientation">
        <ul className="toc__list">
          <li>
            <a href="#situation">Situation</a>
          </li>
          <li>
            <a href="#diagnostic">Diagnostic</a>
          </li>
          <li>
            <a href="#proposition">Proposition d’orientation</a>
          </li>
          <li>
            <a href="#decisions">Décisions</a>
          </li>
          <li>
            <a href="#equipe-medicale">Équipe médicale</a>
          </li>
        </ul>
      </nav>
      <LiveMessage>{message}</LiveMessage>
      <SituationSection w={w} />
      <PersonAppointments personId={w.person.id} />
      <DiagnosisSection
        w={w}
        onSaved={(d) => refresh(`Le diagnostic (version ${d.versionNo}) est enregistré.`)}
      />
      <ProposalSection w={w} onDecided={refresh} reload={reload} />
      <DecisionsSection orientations={w.orientations} />
      <MedicalSection w={w} onRequested={refresh} />
    </>
  );
}

function daysLeft(days: number | null) {
  if (days === null) return null;
  if (days < 0) return <Badge tone="danger">dépassé de {plural(-days, 'jour', 'jours')}</Badge>;
  return (
    <Badge tone={days <= 7 ? 'warning' : 'neutral'}>{plural(days, 'jour restant', 'jours restants')}</Badge>
  );
}

function SituationSection({ w }: { w: OrientationWorkspace }) {
  const { entry, rights, household } = w;
  return (
    <Section id="situation" title="Situation">
      {rights.decisionBlockedReason ? (
        <Alert tone="warning" title="Cette personne ne peut pas être orientée">
          <p>{rights.decisionBlockedReason}</p>
        </Alert>
      ) : null}
      <dl className="summary-list">
        <Item label="Date d’entrée">
          {entry ? (
            <time dateTime={entry.entryDate}>{formatDate(entry.entryDate)}</time>
          ) : (
            'Aucune entrée enregistrée'
          )}
        </Item>
        {entry ? (
          <>
            <Item label="Objectif d’orientation (1 mois)">
              <time dateTime={entry.targetDate}>{formatDate(entry.targetDate)}</time>{' '}
              {entry.orientedOn ? null : daysLeft(entry.daysLeftTarget)}
            </Item>
            <Item label="Délai légal">
              {entry.legalDeadline ? (
                <>
                  <time dateTime={entry.legalDeadline}>{formatDate(entry.legalDeadline)}</time>{' '}
                  {entry.orientedOn ? null : daysLeft(entry.daysLeftLegal)}
                </>
              ) : (
                'Aucun délai légal pour cette date d’entrée'
              )}
            </Item>
            <Item label="Orientation de cette entrée">
              {entry.orientedOn
                ? `Orientée le ${formatDate(entry.orientedOn)}${entry.orientationPathway ? ` (${orientationPathwayLabels[entry.orientationPathway as keyof typeof orientationPathwayLabels]?.toLowerCase() ?? entry.orientationPathway})` : ''}`
                : 'Pas encore orientée'}
            </Item>
          </>
        ) : null}
        <Item label="Droits">
          {rights.current
            ? `${rights.current.statusLabel} depuis le ${formatDate(rights.current.from)}${rights.current.subjectToDuties ? ', soumis aux droits et devoirs' : ', non soumis aux droits et devoirs'}`
            : 'Aucun droit enregistré'}
        </Item>
        <Item label="Foyer">
          {household.compositionLabel}
          {household.children.length > 0 ? (
            <span className="muted">
              {' '}
              (enfants :{' '}
              {household.children.map((c) => `${c.firstName}, ${plural(c.age, 'an', 'ans')}`).join(' ; ')})
            </span>
          ) : null}
        </Item>
      </dl>
      {entry ? <p className="form-note">Délais : {entry.ruleSource}.</p> : null}
    </Section>
  );
}

function DiagnosisView({ d }: { d: Diagnosis }) {
  return (
    <>
      <dl className="summary-list">
        <Item label="Date">{formatDate(d.diagnosedOn)}</Item>
        <Item label="Situation vis-à-vis de l’emploi">{d.employmentSituationLabel}</Item>
        <Item label="Niveau de qualification">{d.qualificationLevelLabel ?? 'Non renseigné'}</Item>
        <Item label="Expérience professionnelle">{d.experience ?? '—'}</Item>
        <Item label="Projet professionnel">{d.project ?? '—'}</Item>
        <Item label="Commentaires">{d.comments ?? '—'}</Item>
        <Item label="Saisi par">
          {d.authorName ?? '—'}, le {formatDateTime(d.recordedAt)}
        </Item>
      </dl>
      {d.obstacles.length === 0 ? (
        <p className="muted">Aucun frein relevé.</p>
      ) : (
        <Table
          caption={`Freins relevés (version ${d.versionNo})`}
          columns={obstacleColumns}
          rows={d.obstacles}
          rowKey={(o) => `${o.themeId}-${o.situationId ?? ''}`}
        />
      )}
    </>
  );
}

type Obstacle = Diagnosis['obstacles'][number];
const severityTones = { light: 'neutral', moderate: 'warning', severe: 'danger' } as const;
const obstacleColumns: Column<Obstacle>[] = [
  { key: 'theme', header: 'Thème', rowHeader: true, render: (o) => o.themeLabel },
  { key: 'situation', header: 'Situation', render: (o) => o.situationLabel ?? '—' },
  {
    key: 'severity',
    header: 'Sévérité',
    render: (o) => <Badge tone={severityTones[o.severity]}>{obstacleSeverityLabels[o.severity]}</Badge>,
  },
  { key: 'comment', header: 'Commentaire', render: (o) => o.comment ?? '—' },
];

function DiagnosisSection({ w, onSaved }: { w: OrientationWorkspace; onSaved: (d: Diagnosis) => void }) {
  const canWrite = useCan('diagnosis.write');
  const [editing, setEditing] = useState(false);
  const referential = useDiagnosticReferential();
  const [latest, ...older] = w.diagnoses;
  return (
    <Section id="diagnostic" title="Diagnostic">
      {editing ? (
        referential.isPending ? (
          <Loading label="Chargement du référentiel du diagnostic…" />
        ) : referential.isError ? (
          <ErrorState error={referential.error} onRetry={() => referential.refetch()} />
        ) : (
          <DiagnosisForm
            personId={w.person.id}
            referential={referential.data}
            previous={latest ?? null}
            onCancel={() => setEditing(false)}
            onSaved={(d) => {
              setEditing(false);
              onSaved(d);
            }}
          />
        )
      ) : (
        <>
          {latest ? (
            <>
              <h3>Version {latest.versionNo} (la plus récente)</h3>
              <DiagnosisView d={latest} />
            </>
          ) : (
            <EmptyState title="Aucun diagnostic n’est encore saisi pour cette personne." />
          )}
          {canWrite ? (
            <div className="form-actions">
              <Button onClick={() => setEditing(true)}>
                {latest ? 'Saisir une nouvelle version du diagnostic' : 'Saisir le diagnostic'}
              </Button>
            </div>
          ) : null}
          {older.length > 0 ? (
            <>
              <h3>Versions précédentes</h3>
              {older.map((d) => (
                <details key={d.id} className="details">
                  <summary className="details__summary">
                    Version {d.versionNo} du {formatDate(d.diagnosedOn)}
                  </summary>
                  <DiagnosisView d={d} />
                </details>
              ))}
            </>
          ) : null}
        </>
      )}
    </Section>
  );
}

function ProposalSection({
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

function DecisionsSection({ orientations }: { orientations: Orientation[] }) {
  const columns: Column<Orientation>[] = [
    {
      key: 'date',
      header: 'Date',
      rowHeader: true,
      render: (o) => (
        <>
          <time dateTime={o.notifiedOn}>{formatDate(o.notifiedOn)}</time>
          {o.current ? (
            <>
              {' '}
              <Badge tone="success">En cours</Badge>
            </>
          ) : null}
        </>
      ),
    },
    { key: 'pathway', header: 'Parcours', render: (o) => o.pathwayLabel },
    {
      key: 'structure',
      header: 'Structure',
      render: (o) => (
        <>
          {o.structureName}
          {o.programme ? <span className="muted"> · {orientationProgrammeLabels[o.programme]}</span> : null}
        </>
      ),
    },
    {
      key: 'by',
      header: 'Décision',
      render: (o) =>
        o.source === 'parcours' ? (
          <>
            {o.decidedByName ?? '—'}
            {o.overridden ? (
              <>
                <br />
                <Badge tone="warning">Proposition modifiée</Badge>{' '}
                <span className="muted">{o.overrideReason}</span>
              </>
            ) : null}
            {o.reorientationReason ? (
              <>
                <br />
                <span className="muted">Réorientation : {o.reorientationReason}</span>
              </>
            ) : null}
          </>
        ) : (
          <span className="muted">Reprise de l’outil précédent</span>
        ),
    },
    {
      key: 'letter',
      header: 'Courrier',
      render: (o) =>
        o.hasLetter ? (
          <a href={letterUrl(o.id)} download>
            Télécharger le courrier de notification
            <VisuallyHidden> du {formatDate(o.notifiedOn)}</VisuallyHidden>
          </a>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];
  return (
    <Section id="decisions" title="Décisions d’orientation">
      {orientations.length === 0 ? (
        <EmptyState title="La personne n’a encore jamais été orientée." />
      ) : (
        <Table
          caption="Historique des orientations, de la plus récente à la plus ancienne"
          captionHidden
          columns={columns}
          rows={orientations}
          rowKey={(o) => o.id}
        />
      )}
    </Section>
  );
}

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

function MedicalSection({
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
