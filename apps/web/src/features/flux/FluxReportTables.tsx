import { agree, type FluxReport, sexLabels, unknownCode } from '@parcours/contracts';
import { useState } from 'react';
import { formatDate, formatNumber, plural } from '../../lib/format';
import { Button, type Column, Table } from '../../ui';

const errorPage = 100;

type FluxError = FluxReport['rejected'][number];
type IdentityConflict = NonNullable<FluxReport['identityConflicts']>[number];
type Anomaly = FluxReport['anomalies'][number];

export function Errors({ report }: { report: FluxReport }) {
  const [shown, setShown] = useState(errorPage);
  if (report.rejectedCount === 0 && report.rejected.length === 0) return null;
  const visible = report.rejected.slice(0, shown);
  const columns: Column<FluxError>[] = [
    {
      key: 'place',
      header: 'Emplacement',
      rowHeader: true,
      className: 'cell--code',
      render: (e) => <code className="break">{e.place}</code>,
    },
    { key: 'field', header: 'Champ', render: (e) => (e.field ? <code>{e.field}</code> : '—') },
    { key: 'reason', header: 'Motif', className: 'cell--wide', render: (e) => e.reason },
  ];
  const count = Math.max(report.rejectedCount, report.rejected.length);
  return (
    <section className="report-part" aria-labelledby="erreurs">
      <h3 id="erreurs">
        {report.status === 'rejected' ? 'Erreurs qui ont fait rejeter le fichier' : 'Éléments rejetés'} (
        {formatNumber(count)})
      </h3>
      {report.rejectedCount > report.rejected.length ? (
        <p className="muted">
          Le rapport conserve les {formatNumber(report.rejected.length)} premières erreurs sur{' '}
          {formatNumber(report.rejectedCount)}.
        </p>
      ) : null}
      <Table
        caption={`Erreurs du fichier (${plural(visible.length, 'affichée', 'affichées')} sur ${formatNumber(count)})`}
        captionHidden
        columns={columns}
        rows={visible}
        rowKey={(e) => `${e.place}|${e.field ?? ''}|${e.reason}`}
      />
      {report.rejected.length > visible.length ? (
        <p>
          <Button variant="secondary" size="sm" onClick={() => setShown((n) => n + errorPage * 5)}>
            Afficher plus d’erreurs
            <span className="sr-only">
              {' '}
              ({formatNumber(report.rejected.length - visible.length)} restantes)
            </span>
          </Button>
        </p>
      ) : null}
    </section>
  );
}

const identityFields: Record<string, string> = {
  nir: 'NIR',
  birthDate: 'date de naissance',
  birthName: 'nom de naissance',
  sex: 'sexe',
};

/** The flux's SEXE (1 / 2) or Parcours' M / F. */
function sexOf(code: string): 'M' | 'F' | null {
  const c = code.trim().toUpperCase();
  return c === 'M' || c === '1' ? 'M' : c === 'F' || c === '2' ? 'F' : null;
}

function identityText(i: IdentityConflict['incoming']): string {
  const sex = sexOf(i.sex);
  const sexText = sex ? sexLabels[sex].toLowerCase() : `sexe : ${unknownCode(i.sex)}`;
  return `${i.birthName} ${i.firstName}, ${agree(sex, 'né')} le ${formatDate(i.birthDate)}, ${sexText}${i.nir ? `, NIR ${i.nir}` : ''}`;
}

/** Lines matched to a known person of another identity: recorded apart, never written over her. */
export function IdentityConflicts({ report }: { report: FluxReport }) {
  const conflicts = report.identityConflicts ?? [];
  if (conflicts.length === 0) return null;
  const count = Math.max(report.identityConflictCount ?? 0, conflicts.length);
  const columns: Column<IdentityConflict>[] = [
    {
      key: 'place',
      header: 'Emplacement',
      rowHeader: true,
      className: 'cell--code',
      render: (c) => (
        <>
          <code className="break">{c.place}</code>
          <br />
          dossier {c.claimNumber}
        </>
      ),
    },
    {
      key: 'fields',
      header: 'Diffère par',
      render: (c) => c.fields.map((f) => identityFields[f] ?? unknownCode(f)).join(', '),
    },
    { key: 'incoming', header: 'Identité dans le fichier', render: (c) => identityText(c.incoming) },
    { key: 'existing', header: 'Personne connue', render: (c) => identityText(c.existing) },
  ];
  return (
    <section className="report-part" aria-labelledby="conflits">
      <h3 id="conflits">Conflits d’identité ({formatNumber(count)})</h3>
      <p className="muted">
        Ces lignes désignent une personne déjà connue sous une autre identité. Elles n’ont pas été appliquées
        sur cette personne : elles sont enregistrées à part et la paire attend l’examen des doublons.
      </p>
      <Table
        caption="Conflits d’identité du fichier"
        captionHidden
        columns={columns}
        rows={conflicts}
        rowKey={(c) => `${c.place}|${c.existing.personId}`}
      />
    </section>
  );
}

export function Anomalies({ anomalies }: { anomalies: Anomaly[] }) {
  if (anomalies.length === 0) return null;
  const columns: Column<Anomaly>[] = [
    { key: 'claim', header: 'N° de dossier', rowHeader: true, render: (a) => a.claimNumber },
    { key: 'text', header: 'Anomalie', className: 'cell--wide', render: (a) => a.text },
  ];
  return (
    <section className="report-part" aria-labelledby="anomalies">
      <h3 id="anomalies">Anomalies signalées par l’organisme ({formatNumber(anomalies.length)})</h3>
      <p className="muted">Textes LIBANO transmis avec les dossiers ; ils n’empêchent pas l’import.</p>
      <Table
        caption="Anomalies signalées par l’organisme (LIBANO)"
        captionHidden
        columns={columns}
        rows={anomalies}
        rowKey={(a) => `${a.claimNumber}|${a.text}`}
      />
    </section>
  );
}

export function Skipped({ skipped }: { skipped: Record<string, number> }) {
  const entries = Object.entries(skipped).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return null;
  return (
    <section className="report-part" aria-labelledby="ignores">
      <h3 id="ignores">Éléments non lus par Parcours</h3>
      <details className="details">
        <summary className="details__summary">
          Afficher les {plural(entries.length, 'élément', 'éléments')} du fichier que Parcours n’utilise pas
        </summary>
        <p className="muted">Ce ne sont pas des erreurs : ces informations ne servent pas dans Parcours.</p>
        <Table
          caption="Éléments non lus par Parcours"
          captionHidden
          columns={[
            {
              key: 'name',
              header: 'Élément',
              rowHeader: true,
              render: ([name]: [string, number]) => <code>{name}</code>,
            },
            {
              key: 'count',
              header: 'Occurrences',
              render: ([, count]: [string, number]) => formatNumber(count),
            },
          ]}
          rows={entries}
          rowKey={([name]) => name}
        />
      </details>
    </section>
  );
}
