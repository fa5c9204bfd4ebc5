import {
  allowedTargets,
  api,
  type DetectedFailure,
  decisionKindLabels,
  endReasonLabels,
  epOpinionLabels,
  epProposedOutcomeLabels,
  epSessionStatusLabels,
  type Failure,
  failureKindLabels,
  failureStatusLabels,
  modulationReasonLabels,
  type SanctionCase,
  sanctionCaseStatusLabels,
  sanctionCaseWorkflow,
} from '@parcours/contracts';
import { useState } from 'react';
import { hrefOf } from '../../lib/client';
import { formatDate } from '../../lib/format';
import { Badge, Button, EmptyState, ErrorState, LiveMessage, Loading, Section, Table } from '../../ui';
import { useActor, useCan } from '../auth/session';
import {
  type CaseStep,
  openSanctionCase,
  recordFailure,
  usePersonSanctions,
  useSanctionMutation,
} from './api';
import { CaseStepDialog, stepLabels } from './CaseStepDialog';
import { PayBackLine } from './caf/PayBackLine';
import { DismissFailureDialog, type DismissTarget } from './DismissFailureDialog';
import { EpReferralDialog } from './ep/EpReferralDialog';
import { ReportFailureForm } from './ReportFailureForm';

export const regimeNames: Record<string, string> = {
  earlier: 'Régime antérieur (faits avant le 1er juin 2025)',
  suspension_remobilisation_2025: 'Suspension-remobilisation (faits depuis le 1er juin 2025)',
};

const steps: CaseStep[] = [
  'notice_sent',
  'observations_received',
  'decided',
  'notified',
  'ended',
  'cancelled',
];
const statusTone = { decided: 'warning', notified: 'danger', ended: 'success' } as const;

/** « Droits et devoirs » on the person's file: failures, found or recorded, and the sanction cases. */
export function SanctionsSection({ personId }: { personId: string }) {
  const canRead = useCan('sanction.read');
  const canReport = useCan('sanction.report');
  const canManage = useCan('sanction.manage');
  const data = usePersonSanctions(personId, canRead);
  const [message, setMessage] = useState<string | null>(null);
  const [dismissing, setDismissing] = useState<DismissTarget | null>(null);
  const record = useSanctionMutation(
    (d: DetectedFailure) =>
      recordFailure(personId, {
        kind: d.kind,
        factsDate: d.factsDate,
        appointmentId: d.appointmentId,
        contractRefusalId: d.contractRefusalId,
      }),
    () => setMessage('Le manquement est enregistré : il est à examiner.'),
  );
  const open = useSanctionMutation(
    (f: Failure) => openSanctionCase(personId, f.id),
    () => setMessage('La procédure est ouverte : envoyez l’information préalable.'),
  );
  if (!canRead) return null;
  return (
    <Section id="sanctions" title="Droits et devoirs : manquements et sanctions">
      <LiveMessage>{message}</LiveMessage>
      {data.isPending ? (
        <Loading label="Chargement des manquements…" />
      ) : data.isError ? (
        <ErrorState
          title="Les manquements n’ont pas pu être chargés."
          error={data.error}
          onRetry={() => data.refetch()}
        />
      ) : (
        <>
          {!data.data.subjectToDuties ? (
            <p>La personne n’est pas soumise aux droits et devoirs aujourd’hui : pas de sanction possible.</p>
          ) : null}
          {data.data.detected.length > 0 ? (
            <Table<DetectedFailure>
              caption="Manquements constatés dans les faits, pas encore enregistrés"
              rows={data.data.detected}
              rowKey={(d) => `${d.kind}-${d.factsDate}-${d.appointmentId ?? d.contractRefusalId ?? ''}`}
              columns={[
                { key: 'kind', header: 'Nature', rowHeader: true, render: (d) => failureKindLabels[d.kind] },
                {
                  key: 'date',
                  header: 'Date des faits',
                  nowrap: true,
                  render: (d) => formatDate(d.factsDate),
                },
                { key: 'detail', header: 'Détail', render: (d) => d.detail },
                {
                  key: 'actions',
                  header: 'Actions',
                  render: (d) => (
                    <span className="row-actions">
                      {canReport ? (
                        <Button
                          size="sm"
                          variant="secondary"
                          pending={record.isPending && record.variables === d}
                          onClick={() => record.mutate(d)}
                          aria-label={`Enregistrer le manquement : ${failureKindLabels[d.kind]} du ${formatDate(d.factsDate)}`}
                        >
                          Enregistrer
                        </Button>
                      ) : null}
                      {canManage ? (
                        <DismissButton label={d} onClick={() => setDismissing({ detected: d })} />
                      ) : null}
                    </span>
                  ),
                },
              ]}
            />
          ) : null}
          {record.isError ? (
            <ErrorState title="Le manquement n’a pas été enregistré." error={record.error} />
          ) : null}
          {data.data.failures.length === 0 ? (
            <EmptyState title="Aucun manquement enregistré." />
          ) : (
            <Table<Failure>
              caption="Manquements enregistrés"
              rows={data.data.failures}
              rowKey={(f) => f.id}
              columns={[
                { key: 'kind', header: 'Nature', rowHeader: true, render: (f) => failureKindLabels[f.kind] },
                {
                  key: 'date',
                  header: 'Date des faits',
                  nowrap: true,
                  render: (f) =>
                    f.factsEndDate
                      ? `du ${formatDate(f.factsDate)} au ${formatDate(f.factsEndDate)}`
                      : formatDate(f.factsDate),
                },
                {
                  key: 'origin',
                  header: 'Origine',
                  render: (f) =>
                    f.origin === 'detected'
                      ? 'Constaté dans les faits'
                      : `Signalé${f.reportedByName ? ` par ${f.reportedByName}` : ''}`,
                },
                { key: 'facts', header: 'Faits', render: (f) => f.facts ?? '' },
                {
                  key: 'status',
                  header: 'Statut',
                  render: (f) => <Badge>{failureStatusLabels[f.status]}</Badge>,
                },
                {
                  key: 'actions',
                  header: 'Actions',
                  render: (f) =>
                    canManage && f.status === 'to_examine' ? (
                      <span className="row-actions">
                        <Button
                          size="sm"
                          pending={open.isPending && open.variables === f}
                          onClick={() => open.mutate(f)}
                          aria-label={`Ouvrir une procédure : ${failureKindLabels[f.kind]} du ${formatDate(f.factsDate)}`}
                        >
                          Ouvrir une procédure
                        </Button>
                        <DismissButton label={f} onClick={() => setDismissing({ recorded: f })} />
                      </span>
                    ) : f.dismissedReason ? (
                      `Motif : ${f.dismissedReason}${f.dismissedOn ? ` (le ${formatDate(f.dismissedOn)})` : ''}`
                    ) : null,
                },
              ]}
            />
          )}
          {open.isError ? <ErrorState title="La procédure n’a pas été ouverte." error={open.error} /> : null}
          {data.data.cases.map((c) => (
            <CaseCard
              key={c.id}
              personId={personId}
              sanctionCase={c}
              canManage={canManage}
              onDone={setMessage}
            />
          ))}
          {canReport ? <ReportFailureForm personId={personId} onDone={setMessage} /> : null}
          {dismissing ? (
            <DismissFailureDialog
              personId={personId}
              target={dismissing}
              onClose={() => setDismissing(null)}
              onDone={setMessage}
            />
          ) : null}
        </>
      )}
    </Section>
  );
}

function CaseCard({
  personId,
  sanctionCase: c,
  canManage,
  onDone,
}: {
  personId: string;
  sanctionCase: SanctionCase;
  canManage: boolean;
  onDone: (message: string) => void;
}) {
  const actor = useActor();
  const [step, setStep] = useState<CaseStep | null>(null);
  const [referring, setReferring] = useState(false);
  // Between the prior notice and the decision, once: the EP's opinion on a proposal.
  const canRefer = canManage && !c.ep && (c.status === 'notice_sent' || c.status === 'observations_received');
  const allowed = canManage ? allowedTargets(sanctionCaseWorkflow, c.status, actor.role) : [];
  const shown = steps.filter((s) => allowed.includes(s));
  const title = `Procédure — ${failureKindLabels[c.failure.kind]} du ${formatDate(c.factsDate)}`;
  return (
    <article className="card" aria-label={title}>
      <h3 className="card__title">
        {title}{' '}
        <Badge tone={statusTone[c.status as keyof typeof statusTone] ?? 'neutral'}>
          {sanctionCaseStatusLabels[c.status]}
        </Badge>
      </h3>
      <dl className="summary-list">
        <dt>Régime applicable</dt>
        <dd>
          {regimeNames[c.regime] ?? c.regime}
          {c.repeat === 2 ? ' — manquement répété' : ''}
        </dd>
        {c.noticeSentOn ? (
          <>
            <dt>Information préalable</dt>
            <dd>
              envoyée le {formatDate(c.noticeSentOn)}
              {c.observationsDeadline ? `, observations jusqu’au ${formatDate(c.observationsDeadline)}` : ''}
            </dd>
          </>
        ) : null}
        {c.observationsReceivedOn ? (
          <>
            <dt>Observations</dt>
            <dd>
              reçues le {formatDate(c.observationsReceivedOn)}
              {c.observationsMode === 'interview' ? ' lors d’un entretien' : ' par écrit'}
              {c.assistedBy ? `, assistée par ${c.assistedBy}` : ''} : {c.observations}
            </dd>
          </>
        ) : null}
        {c.decisionKind ? (
          <>
            <dt>Décision</dt>
            <dd>
              {decisionKindLabels[c.decisionKind]}
              {c.percent !== null ? ` de ${c.percent} %` : ''}
              {c.months !== null ? ` pendant ${c.months} mois` : ''}
              {c.decidedOn ? `, le ${formatDate(c.decidedOn)}` : ''}
              {c.decidedByName ? ` par ${c.decidedByName}` : ''}
              {c.modulationReasons.length
                ? ` (modulation : ${c.modulationReasons.map((r) => modulationReasonLabels[r].toLowerCase()).join(', ')})`
                : ''}
              {c.decisionReason ? ` — ${c.decisionReason}` : ''}
            </dd>
          </>
        ) : null}
        {c.notifiedOn ? (
          <>
            <dt>Notification</dt>
            <dd>le {formatDate(c.notifiedOn)}</dd>
          </>
        ) : null}
        {c.endedOn && c.endReason ? (
          <>
            <dt>Fin</dt>
            <dd>
              le {formatDate(c.endedOn)} : {endReasonLabels[c.endReason]}
            </dd>
          </>
        ) : null}
        {c.ep ? (
          <>
            <dt>Équipe pluridisciplinaire</dt>
            <dd>
              saisie le {formatDate(c.ep.submittedOn)} :{' '}
              {epProposedOutcomeLabels[c.ep.proposedOutcome].toLowerCase()}
              {c.ep.sessionDate
                ? ` ; séance du ${formatDate(c.ep.sessionDate)}${c.ep.sessionStatus ? ` (${epSessionStatusLabels[c.ep.sessionStatus].toLowerCase()})` : ''}`
                : ' ; pas encore inscrite à une séance'}
              {c.ep.invitedOn ? ` ; personne invitée le ${formatDate(c.ep.invitedOn)}` : ''}
              {c.ep.opinion ? ` ; avis : ${epOpinionLabels[c.ep.opinion].toLowerCase()}` : ''}
            </dd>
          </>
        ) : null}
        {c.payBack ? <PayBackLine payBack={c.payBack} /> : null}
        {c.cancelReason ? (
          <>
            <dt>Annulation</dt>
            <dd>{c.cancelReason}</dd>
          </>
        ) : null}
      </dl>
      {c.noticeSentOn ? (
        <p>
          <a href={hrefOf(api.sanctionCases.caseLettersPdf, { params: { id: personId, caseId: c.id } })}>
            Courriers de la procédure (PDF)
          </a>
        </p>
      ) : null}
      {shown.length > 0 || canRefer ? (
        <div className="row-actions">
          {canRefer ? (
            <Button size="sm" variant="secondary" onClick={() => setReferring(true)}>
              Soumettre à l’EP
            </Button>
          ) : null}
          {shown.map((s) => (
            <Button
              key={s}
              variant={s === 'cancelled' ? 'tertiary' : 'primary'}
              size="sm"
              onClick={() => setStep(s)}
            >
              {stepLabels[s].button}
            </Button>
          ))}
        </div>
      ) : null}
      {referring ? (
        <EpReferralDialog
          personId={personId}
          sanctionCase={c}
          onClose={() => setReferring(false)}
          onDone={onDone}
        />
      ) : null}
      {step ? (
        <CaseStepDialog
          personId={personId}
          sanctionCase={c}
          step={step}
          onClose={() => setStep(null)}
          onDone={onDone}
        />
      ) : null}
    </article>
  );
}

function DismissButton({
  label: f,
  onClick,
}: {
  label: { kind: keyof typeof failureKindLabels; factsDate: string };
  onClick: () => void;
}) {
  return (
    <Button
      size="sm"
      variant="tertiary"
      onClick={onClick}
      aria-label={`Classer sans suite : ${failureKindLabels[f.kind]} du ${formatDate(f.factsDate)}`}
    >
      Classer sans suite
    </Button>
  );
}
