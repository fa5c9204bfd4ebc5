import { type AuditEvent, api, auditQuerySchema } from '@parcours/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { call } from '../../lib/client';
import { formatDateTime, plural, roleLabel } from '../../lib/format';
import { type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import {
  Alert,
  Button,
  type Column,
  EmptyState,
  ErrorState,
  FilterForm,
  FormAlert,
  Loading,
  PageHeader,
  Table,
  TextField,
} from '../../ui';
import { type AuditFilters, useAuditEvents } from './api';

/** French labels of the audit actions known today; other codes are shown as they are. */
const actionLabels: Record<string, string> = {
  'person.read': 'Consultation du dossier',
  'person.view': 'Consultation du dossier',
  'person.search': 'Recherche de personnes',
  'person.create': 'Création du dossier',
  'person.update': 'Modification du dossier',
  'person.export': 'Export des données de la personne',
  'household.read': 'Consultation du foyer',
  'auth.login': 'Connexion',
  'auth.login_failed': 'Échec de connexion',
  'auth.logout': 'Déconnexion',
  'auth.logout_all': 'Déconnexion de tous les appareils',
  'auth.password_change': 'Changement de mot de passe',
  'auth.password_reset': 'Réinitialisation du mot de passe',
  'account.create': 'Création de compte',
  'account.update': 'Modification de compte',
  'account.unlock': 'Déverrouillage de compte',
  'account.revoke_sessions': 'Fermeture des sessions d’un compte',
  'account.send_reset': 'Envoi d’un lien de réinitialisation',
  'audit.read': 'Consultation du journal',
  'audit.verify': 'Vérification du journal',
  'person.list_read': 'Liste de personnes (recherche, file, export)',
  'orientation.queue_export': 'Export de la file d’orientation',
  'france_travail.batch_exported': 'Export d’un lot France Travail',
};

const filterSchema = auditQuerySchema.pick({ personId: true, action: true });

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const filters: AuditFilters = {
    personId: params.get('personne') || undefined,
    action: params.get('action') || undefined,
  };

  return (
    <>
      <PageHeader
        title="Journal des accès"
        description={
          <p>
            Chaque consultation ou modification d’un dossier est enregistrée dans un journal qui ne peut être
            ni modifié ni effacé : qui, quoi, quand et pourquoi.
          </p>
        }
      />
      <section className="section" aria-labelledby="qui-a-consulte">
        <h2 id="qui-a-consulte">Qui a consulté ce dossier ?</h2>
        <AuditSearchForm
          key={params.toString()}
          personId={filters.personId ?? ''}
          action={filters.action ?? ''}
          onApply={(personId, action) => {
            const next = new URLSearchParams();
            if (personId) next.set('personne', personId);
            if (action) next.set('action', action);
            setParams(next);
          }}
        />
        <AuditResults filters={filters} />
      </section>
      <IntegritySection />
    </>
  );
}

function AuditSearchForm({
  personId,
  action,
  onApply,
}: {
  personId: string;
  action: string;
  onApply: (personId: string, action: string) => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [person, setPerson] = useState(personId);
  const [actionText, setActionText] = useState(action);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = { personId: person.trim() || undefined, action: actionText.trim() || undefined };
    const result = validate(filterSchema, values);
    if (!result.ok) {
      setErrors({ message: null, fields: result.errors.fields });
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(noErrors);
    onApply(values.personId ?? '', values.action ?? '');
  }

  return (
    <FilterForm formRef={formRef} label="Recherche dans le journal" onSubmit={submit}>
      <FormAlert message={errors.message} fieldCount={Object.keys(errors.fields).length} />
      <TextField
        label="Identifiant de la personne"
        name="personId"
        className="filters__wide"
        required={false}
        spellCheck={false}
        autoComplete="off"
        hint="Identifiant Parcours du dossier, au format 123e4567-e89b-12d3-a456-426614174000. Laissez vide pour voir les derniers événements."
        value={person}
        onChange={setPerson}
        error={errors.fields.personId}
      />
      <TextField
        label="Type d’action"
        name="action"
        optional
        spellCheck={false}
        autoComplete="off"
        hint="Par exemple : person.read"
        value={actionText}
        onChange={setActionText}
        error={errors.fields.action}
      />
      <div className="filters__actions">
        <Button type="submit">Rechercher</Button>
        {personId || action ? (
          <Button variant="tertiary" onClick={() => onApply('', '')}>
            Effacer la recherche
          </Button>
        ) : null}
      </div>
    </FilterForm>
  );
}

function AuditResults({ filters }: { filters: AuditFilters }) {
  const events = useAuditEvents(filters);

  if (events.isPending) return <Loading label="Chargement du journal…" />;
  if (!events.data) return <ErrorState error={events.error} onRetry={() => events.refetch()} />;

  const items = events.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <EmptyState
        title={
          filters.personId
            ? 'Aucun accès à ce dossier n’est enregistré.'
            : 'Le journal ne contient aucun événement.'
        }
      >
        {filters.personId ? <p>Vérifiez l’identifiant saisi.</p> : null}
      </EmptyState>
    );
  }

  const columns: Column<AuditEvent>[] = [
    {
      key: 'date',
      header: 'Date et heure',
      rowHeader: true,
      render: (e) => <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt, true)}</time>,
    },
    {
      key: 'actor',
      header: 'Agent',
      render: (e) => e.actorName ?? (e.actorAccountId ? e.actorAccountId : 'Système'),
    },
    { key: 'role', header: 'Rôle', render: (e) => roleLabel(e.actorRole) },
    {
      key: 'action',
      header: 'Action',
      render: (e) => (
        <>
          {/* A bulk read the person only appeared in is told apart from an opening of the file. */}
          {e.listLabel ? <strong>{e.listLabel}</strong> : (actionLabels[e.action] ?? e.action)}
          {e.listLabel || actionLabels[e.action] ? (
            <>
              <br />
              <code className="muted">{e.action}</code>
            </>
          ) : null}
        </>
      ),
    },
  ];
  if (!filters.personId) {
    columns.push({
      key: 'target',
      header: 'Dossier ou objet',
      render: (e) =>
        e.personId ? (
          <code className="break">{e.personId}</code>
        ) : e.listedCount !== null ? (
          plural(e.listedCount, 'personne listée', 'personnes listées')
        ) : e.targetType ? (
          <span className="break">
            {e.targetType}
            {e.targetId ? ` ${e.targetId}` : ''}
          </span>
        ) : (
          '—'
        ),
    });
  }
  columns.push(
    { key: 'reason', header: 'Motif', render: (e) => e.reason ?? '—' },
    { key: 'ip', header: 'Adresse IP', render: (e) => e.ip ?? '—' },
  );

  const caption = filters.personId
    ? `Accès au dossier ${filters.personId}, du plus récent au plus ancien (${plural(items.length, 'événement affiché', 'événements affichés')})`
    : `Derniers événements du journal, du plus récent au plus ancien (${plural(items.length, 'événement affiché', 'événements affichés')})`;

  return (
    <>
      <Table caption={caption} columns={columns} rows={items} rowKey={(e) => e.seq} />
      {events.hasNextPage ? (
        <p>
          <Button
            variant="secondary"
            pending={events.isFetchingNextPage}
            onClick={() => void events.fetchNextPage()}
          >
            Afficher les événements plus anciens
          </Button>
        </p>
      ) : (
        <p className="muted">Début du journal atteint pour cette recherche.</p>
      )}
      {events.isFetchNextPageError ? (
        <ErrorState title="Les événements plus anciens n’ont pas pu être chargés." error={events.error} />
      ) : null}
    </>
  );
}

function IntegritySection() {
  const verify = useMutation({
    mutationFn: () => call(api.access.verifyAudit),
  });
  return (
    <section className="section" aria-labelledby="integrite">
      <h2 id="integrite">Intégrité du journal</h2>
      <p>
        Les événements sont chaînés les uns aux autres : la vérification recalcule la chaîne et signale toute
        modification ou suppression.
      </p>
      <p>
        <Button variant="secondary" pending={verify.isPending} onClick={() => verify.mutate()}>
          Vérifier l’intégrité du journal
        </Button>
      </p>
      <div aria-live="polite">
        {verify.isPending ? <p className="muted">Vérification en cours…</p> : null}
        {verify.data ? (
          verify.data.ok ? (
            <Alert tone="success" title="Le journal est intègre" live="off">
              <p>
                {plural(verify.data.checked, 'événement vérifié', 'événements vérifiés')}, aucune anomalie.
              </p>
            </Alert>
          ) : (
            <Alert tone="error" title="Anomalie détectée dans le journal" live="off">
              <p>
                {plural(verify.data.checked, 'événement vérifié', 'événements vérifiés')}.
                {verify.data.brokenAtSeq
                  ? ` La chaîne est rompue à l’événement n° ${verify.data.brokenAtSeq}.`
                  : ''}
                {verify.data.reason ? ` Motif : ${verify.data.reason}` : ''}
              </p>
              <p>Prévenez le responsable de la sécurité des systèmes d’information.</p>
            </Alert>
          )
        ) : null}
        {verify.isError ? (
          <Alert tone="error" title="La vérification n’a pas pu être menée" live="off">
            <p>{errorMessage(verify.error)}</p>
          </Alert>
        ) : null}
      </div>
    </section>
  );
}
