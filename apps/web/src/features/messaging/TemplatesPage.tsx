import {
  type MessageTemplate,
  messageChannelLabels,
  type TemplateCode,
  templateCodeLabels,
  templateCodes,
} from '@parcours/contracts';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDateTime, plural } from '../../lib/format';
import {
  Button,
  type Column,
  EmptyState,
  ErrorState,
  LiveMessage,
  Loading,
  PageHeader,
  Table,
  VisuallyHidden,
} from '../../ui';
import { useTemplates } from './api';
import { smsSummary } from './sms';
import { TemplateEditor } from './TemplateEditor';

/** Modèles de convocation, de rappel et de notification. */
export function TemplatesPage() {
  const [params, setParams] = useSearchParams();
  const templates = useTemplates();
  const [message, setMessage] = useState<string | null>(null);
  const selectedId = params.get('modele');
  const selected = templates.data?.find((t) => t.id === selectedId) ?? null;

  const open = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('modele', id);
    else next.delete('modele');
    setParams(next);
  };

  return (
    <>
      <PageHeader
        title="Modèles de messages"
        description={
          <p>
            Textes des convocations, des rappels de rendez-vous et des notifications d’orientation envoyés par
            courrier, e-mail et SMS. Les balises entre doubles accolades, comme {'{{nom}}'}, sont remplacées
            par les informations de la personne et du rendez-vous.
          </p>
        }
      />
      <LiveMessage>{message}</LiveMessage>
      {templates.isPending ? (
        <Loading label="Chargement des modèles…" />
      ) : templates.isError ? (
        <ErrorState error={templates.error} onRetry={() => templates.refetch()} />
      ) : selectedId && !selected ? (
        <EmptyState title="Ce modèle n’existe pas ou plus.">
          <Button variant="secondary" onClick={() => open(null)}>
            Retour à la liste des modèles
          </Button>
        </EmptyState>
      ) : selected ? (
        <TemplateEditor
          key={selected.id}
          template={selected}
          onClose={() => open(null)}
          onSaved={(saved) => {
            setMessage(
              `Le modèle « ${saved.codeLabel} — ${messageChannelLabels[saved.channel]} » a été enregistré.`,
            );
            open(null);
          }}
        />
      ) : templates.data.length === 0 ? (
        <EmptyState title="Aucun modèle n’est encore défini." />
      ) : (
        <TemplateList
          templates={templates.data}
          onEdit={(id) => {
            setMessage(null);
            open(id);
          }}
        />
      )}
    </>
  );
}

function TemplateList({ templates, onEdit }: { templates: MessageTemplate[]; onEdit: (id: string) => void }) {
  const columns: Column<MessageTemplate>[] = [
    { key: 'channel', header: 'Canal', rowHeader: true, render: (t) => messageChannelLabels[t.channel] },
    {
      key: 'subject',
      header: 'Objet',
      render: (t) => t.subject ?? <span className="muted">— (SMS sans objet)</span>,
      className: 'cell--wide',
    },
    {
      key: 'length',
      header: 'Longueur',
      render: (t) => (t.sms ? smsSummary(t.sms) : plural(t.body.length, 'caractère', 'caractères')),
    },
    {
      key: 'updated',
      header: 'Dernière modification',
      render: (t) => (
        <>
          {formatDateTime(t.updatedAt)}
          {t.updatedByName ? <span className="muted"> par {t.updatedByName}</span> : null}
        </>
      ),
    },
    {
      key: 'actions',
      header: 'Actions',
      render: (t) => (
        <Button variant="secondary" size="sm" onClick={() => onEdit(t.id)}>
          Modifier
          <VisuallyHidden> {`le modèle ${t.codeLabel} — ${messageChannelLabels[t.channel]}`}</VisuallyHidden>
        </Button>
      ),
    },
  ];
  return (
    <>
      {templateCodes.map((code: TemplateCode) => {
        const rows = templates.filter((t) => t.code === code);
        if (rows.length === 0) return null;
        return (
          <section key={code} className="section" aria-labelledby={`modeles-${code}`}>
            <h2 id={`modeles-${code}`}>{templateCodeLabels[code]}</h2>
            <Table
              caption={`${templateCodeLabels[code]} : modèles par canal`}
              captionHidden
              columns={columns}
              rows={rows}
              rowKey={(t) => t.id}
            />
          </section>
        );
      })}
    </>
  );
}
