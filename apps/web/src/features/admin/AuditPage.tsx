import { api, auditFilterSchema } from '@parcours/contracts';
import { useMutation } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { call } from '../../lib/client';
import { formatDate, plural } from '../../lib/format';
import { Alert, Button, PageHeader } from '../../ui';
import { bornWord } from '../persons/labels';
import { AuditEvents, shownCount } from './AuditEventsTable';
import { AuditFilterForm } from './AuditFilterForm';
import { type AuditFilters, auditExportUrl, useAuditEvents } from './api';

/** The filters kept in the page's address (ids only: no name of a person in a URL). */
const urlKeys = {
  personId: 'personne',
  actorAccountId: 'agent',
  action: 'action',
  from: 'du',
  to: 'au',
} as const;

function filtersFrom(params: URLSearchParams): AuditFilters {
  const raw = Object.fromEntries(
    Object.entries(urlKeys).map(([key, name]) => [key, params.get(name) || undefined]),
  );
  const parsed = auditFilterSchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

function paramsOf(filters: AuditFilters): URLSearchParams {
  const next = new URLSearchParams();
  for (const [key, name] of Object.entries(urlKeys)) {
    const value = filters[key as keyof AuditFilters];
    if (value) next.set(name, value);
  }
  return next;
}

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const events = useAuditEvents(filters);
  const first = events.data?.pages[0];
  const subject = first?.subject ?? null;
  const names = {
    person: subject ? `${subject.name}, ${bornWord(subject.sex)} le ${formatDate(subject.birthDate)}` : null,
    agent: first?.items.find((e) => e.actorAccountId === filters.actorAccountId)?.actorName ?? null,
  };
  const filtered = Object.values(filters).some(Boolean);

  return (
    <>
      <PageHeader
        title="Journal des accès"
        description={
          <p>
            Chaque consultation ou modification d’un dossier est enregistrée dans un journal qui ne peut être
            ni modifié ni effacé : qui, quoi, quand et pourquoi. La consultation du journal y est elle-même
            enregistrée.
          </p>
        }
      />
      <section className="section" aria-labelledby="recherche-journal">
        <h2 id="recherche-journal">Rechercher dans le journal</h2>
        <p>
          Pour savoir qui a consulté un dossier, choisissez la personne : le journal montre les ouvertures de
          son dossier et les listes (recherches, files, exports) où elle est apparue.
        </p>
        <AuditFilterForm
          key={`${params.toString()}|${names.person ?? ''}|${names.agent ?? ''}`}
          filters={filters}
          names={names}
          onApply={(next) => setParams(paramsOf(next))}
        />
      </section>
      <section className="section" aria-labelledby="evenements">
        <h2 id="evenements">{subject ? `Accès au dossier de ${subject.name}` : 'Événements'}</h2>
        <p>
          <a className="button button--secondary" href={auditExportUrl(filters)} download>
            Exporter {filtered ? 'cette recherche' : 'le journal'} (CSV)
          </a>{' '}
          <span className="muted">
            Fichier pour tableur, les 20 000 événements les plus récents ; l’export est enregistré dans le
            journal.
          </span>
        </p>
        <AuditEvents
          events={events}
          forPerson={Boolean(filters.personId)}
          caption={(n) =>
            `${subject ? `Accès au dossier de ${subject.name}` : filtered ? 'Événements de la recherche' : 'Derniers événements du journal'}, du plus récent au plus ancien (${shownCount(n)})`
          }
          emptyTitle={
            filtered
              ? 'Aucun événement ne correspond à cette recherche.'
              : 'Le journal ne contient aucun événement.'
          }
        />
      </section>
      <IntegritySection />
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
