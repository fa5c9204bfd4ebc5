import {
  allowedTargets,
  type OrientationDecisionInput,
  type OrientationDecisionResult,
  type OrientationPathway,
  type OrientationProgramme,
  type OrientationWorkspace,
  orientationPathwayLabels,
  orientationPathways,
  orientationProgrammeLabels,
  orientationProgrammes,
  orientationStatusOf,
  orientationWorkflow,
  pathwayBodyKinds,
  type StructureChoice,
  structureKindLabels,
} from '@parcours/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { todayIso } from '../../lib/format';
import {
  emptyToNull,
  errorsFromApi,
  type FormErrorState,
  focusFirstInvalid,
  isVersionConflict,
  noErrors,
} from '../../lib/forms';
import {
  Alert,
  Button,
  ConflictAlert,
  FormAlert,
  SelectField,
  type SelectOptionGroup,
  TextAreaField,
  TextField,
} from '../../ui';
import { useOptionalActor } from '../auth/session';
import { postOrientation } from './api';

type Mode = 'accept' | 'other';

function structureLabel(s: StructureChoice) {
  return `${s.name} — ${structureKindLabels[s.kind]}${s.hubName && !s.samePole ? ` (pôle ${s.hubName})` : ''}`;
}

/** Structures a pathway allows, the person's pôle's first. */
export function structureGroups(
  choices: StructureChoice[],
  pathway: OrientationPathway | '',
): SelectOptionGroup[] {
  if (!pathway) return [];
  const kinds = pathwayBodyKinds[pathway] as readonly string[];
  const allowed = choices.filter((c) => kinds.includes(c.kind));
  return [
    {
      label: 'Structures du pôle de la personne',
      options: allowed.filter((c) => c.samePole).map((c) => ({ value: c.id, label: structureLabel(c) })),
    },
    {
      label: 'Autres structures du département',
      options: allowed.filter((c) => !c.samePole).map((c) => ({ value: c.id, label: structureLabel(c) })),
    },
  ];
}

/**
 * "Accepter la proposition" or "Choisir une autre orientation" (pathway, structure and a mandatory
 * reason). A person already oriented is reoriented: the reason of the reorientation is asked too.
 */
export function DecisionPanel({
  workspace,
  onDecided,
  onReload,
}: {
  workspace: OrientationWorkspace;
  onDecided: (result: OrientationDecisionResult) => void;
  onReload: () => Promise<unknown>;
}) {
  const { proposal } = workspace;
  const current = workspace.orientations.find((o) => o.current) ?? null;
  const role = useOptionalActor()?.role;
  // The move the lifecycle table offers from the person's status: orient, or reorient.
  const [action] = role ? allowedTargets(orientationWorkflow, orientationStatusOf(current), role) : [];
  // Accepting the proposal is the first orientation; once oriented, the move is a reorientation.
  const canAccept = action === 'oriented';
  const [mode, setMode] = useState<Mode | null>(null);
  const [pathway, setPathway] = useState<OrientationPathway | ''>('');
  const [structureId, setStructureId] = useState('');
  const [programme, setProgramme] = useState<OrientationProgramme | ''>('');
  const [decidedOn, setDecidedOn] = useState(todayIso());
  const [overrideReason, setOverrideReason] = useState('');
  const [reorientationReason, setReorientationReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [conflict, setConflict] = useState<'conflict' | 'reloading' | 'reloaded' | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const decide = useMutation({
    mutationFn: (input: OrientationDecisionInput) => postOrientation(workspace.person.id, input),
    onSuccess: (result) => {
      setMode(null);
      setErrors(noErrors);
      setConflict(null);
      onDecided(result);
    },
    onError: (error) => {
      if (isVersionConflict(error)) {
        setConflict('conflict');
        return;
      }
      // Only the fields this form shows take a message; the others go into the banner, in words.
      setErrors(errorsFromApi(error, shownFields));
      focusFirstInvalid(formRef.current);
    },
  });

  // A choice other than the proposal (pathway, or kind of structure) needs its reason.
  const chosenKind = workspace.structureChoices.find((c) => c.id === structureId)?.kind;
  const overrides =
    mode === 'other' && (pathway !== proposal.pathway || (chosenKind ?? null) !== proposal.bodyKind);
  const shownFields = [
    'programme',
    'decidedOn',
    ...(mode === 'other' ? ['pathway', 'structureId'] : []),
    ...(overrides ? ['overrideReason'] : []),
    ...(current ? ['reorientationReason'] : []),
  ];

  function open(next: Mode) {
    setMode(next);
    setErrors(noErrors);
    if (next === 'other') {
      setPathway((p) => p || proposal.pathway);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    const chosenPathway = mode === 'accept' ? proposal.pathway : pathway;
    const chosenStructure = mode === 'accept' ? (proposal.structure?.id ?? '') : structureId;
    if (!decidedOn) fields.decidedOn = 'Indiquez la date de la décision.';
    if (mode === 'other') {
      if (!pathway) fields.pathway = 'Choisissez le parcours.';
      if (!structureId) fields.structureId = 'Choisissez la structure qui accompagnera la personne.';
      if (overrides && !overrideReason.trim()) fields.overrideReason = 'Indiquez le motif de votre choix.';
    }
    if (current && !reorientationReason.trim()) {
      fields.reorientationReason = 'Indiquez le motif de la réorientation.';
    }
    if (Object.keys(fields).length) {
      setErrors({ message: null, fields });
      focusFirstInvalid(formRef.current);
      return;
    }
    decide.mutate({
      pathway: chosenPathway as OrientationPathway,
      structureId: chosenStructure,
      programme: programme || null,
      diagnosisId: proposal.diagnosisId,
      decidedOn,
      overrideReason: mode === 'other' && overrides ? emptyToNull(overrideReason) : null,
      reorientationReason: current ? emptyToNull(reorientationReason) : null,
      version: current?.version ?? null,
    });
  }

  if (workspace.rights.decisionBlockedReason) {
    return (
      <Alert tone="warning" title="Aucune décision d’orientation possible">
        <p>{workspace.rights.decisionBlockedReason}</p>
      </Alert>
    );
  }

  const noStructure = !proposal.structure;
  const otherTitle = canAccept ? 'Choisir une autre orientation' : 'Réorienter la personne';
  const formTitle = mode === 'accept' ? 'Accepter la proposition' : otherTitle;
  return (
    <div className="decision">
      {mode === null ? (
        action ? (
          <div className="form-actions">
            {canAccept ? (
              <Button onClick={() => open('accept')} disabled={noStructure}>
                Accepter la proposition
              </Button>
            ) : null}
            <Button variant={canAccept ? 'secondary' : 'primary'} onClick={() => open('other')}>
              {otherTitle}
            </Button>
          </div>
        ) : null
      ) : (
        <form ref={formRef} onSubmit={submit} noValidate aria-label={formTitle}>
          <h3>{formTitle}</h3>
          {conflict ? (
            <ConflictAlert
              reloading={conflict === 'reloading'}
              reloaded={conflict === 'reloaded'}
              onReload={() => {
                setConflict('reloading');
                void onReload().then(() => setConflict('reloaded'));
              }}
            />
          ) : null}
          <FormAlert
            title="La décision n’a pas été enregistrée"
            message={errors.message}
            fieldCount={Object.keys(errors.fields).length}
          />
          {mode === 'accept' && proposal.structure ? (
            <p>
              Orientation <strong>{orientationPathwayLabels[proposal.pathway].toLowerCase()}</strong> vers{' '}
              <strong>{proposal.structure.name}</strong>.
            </p>
          ) : null}
          <div className="form-grid">
            {mode === 'other' ? (
              <>
                <SelectField
                  label="Parcours"
                  value={pathway}
                  onChange={(v) => {
                    setPathway(v as OrientationPathway);
                    setStructureId('');
                  }}
                  placeholder="Choisir un parcours"
                  options={orientationPathways.map((p) => ({ value: p, label: orientationPathwayLabels[p] }))}
                  error={errors.fields.pathway}
                />
                <SelectField
                  label="Structure d’accompagnement"
                  value={structureId}
                  onChange={setStructureId}
                  placeholder="Choisir une structure"
                  groups={structureGroups(workspace.structureChoices, pathway)}
                  error={errors.fields.structureId}
                />
                {overrides ? (
                  <TextAreaField
                    className="form-grid__wide"
                    label="Motif du choix"
                    hint="Pourquoi une orientation différente de la proposition du système : ce motif est conservé avec la décision."
                    value={overrideReason}
                    onChange={setOverrideReason}
                    maxLength={2000}
                    error={errors.fields.overrideReason}
                  />
                ) : null}
              </>
            ) : null}
            <SelectField
              label="Programme"
              optional
              value={programme}
              onChange={(v) => setProgramme(v as OrientationProgramme | '')}
              placeholder="Aucun programme"
              options={orientationProgrammes.map((p) => ({ value: p, label: orientationProgrammeLabels[p] }))}
              error={errors.fields.programme}
            />
            <TextField
              label="Date de la décision"
              type="date"
              value={decidedOn}
              onChange={setDecidedOn}
              max={todayIso()}
              error={errors.fields.decidedOn}
            />
            {current ? (
              <TextAreaField
                className="form-grid__wide"
                label="Motif de la réorientation"
                hint={`La personne est déjà orientée vers ${current.structureName}.`}
                value={reorientationReason}
                onChange={setReorientationReason}
                maxLength={2000}
                error={errors.fields.reorientationReason}
              />
            ) : null}
          </div>
          <p className="form-note">
            La décision est notifiée par courrier à la personne (courrier de notification produit avec la
            décision).
          </p>
          <div className="form-actions">
            <Button type="submit" pending={decide.isPending}>
              {action === 'reoriented' ? 'Enregistrer la réorientation' : 'Enregistrer l’orientation'}
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setMode(null);
                setErrors(noErrors);
                setConflict(null);
              }}
            >
              Annuler
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
