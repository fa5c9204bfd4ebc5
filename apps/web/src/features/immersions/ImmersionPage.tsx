import { type ImmersionDetail, immersionStatusLabels } from '@parcours/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { Badge, Button, ErrorState, LiveMessage, Loading, PageHeader, Section } from '../../ui';
import { ForbiddenContent } from '../auth/ForbiddenContent';
import { useCan } from '../auth/session';
import { AssessmentForm } from './AssessmentForm';
import { immersionChanged, immersionPdfHref, updateImmersion, useImmersion } from './api';
import { ImmersionActions } from './ImmersionActions';
import { ImmersionForm } from './ImmersionForm';
import { ImmersionView } from './ImmersionView';
import { immersionStatusTones } from './labels';
import { ImmersionBackLink } from './NewImmersionPage';
import { RenewalForm } from './RenewalForm';
import { SignaturePanel } from './SignaturePanel';
import './immersions.css';

const editable = ['draft', 'awaiting_signatures', 'signed'];
const renewable = ['validated', 'in_progress', 'ended', 'assessed'];

/** A PMSMP convention: content, signatures, workflow, assessment, renewal, PDF. */
export function ImmersionPage() {
  const { id: personId = '', immersionId = '' } = useParams();
  const query = useImmersion(immersionId);
  const queryClient = useQueryClient();
  const canWrite = useCan('immersion.write');
  const location = useLocation();
  const [message, setMessage] = useState<string | null>(
    () => (location.state as { message?: string } | null)?.message ?? null,
  );
  const [editing, setEditing] = useState(false);

  if (query.isError && isApiError(query.error) && query.error.status === 403) return <ForbiddenContent />;
  const changed = async (d: ImmersionDetail, text: string) => {
    await immersionChanged(queryClient, d);
    setMessage(text);
  };
  const d = query.data;
  return (
    <>
      <ImmersionBackLink personId={personId} />
      <PageHeader
        title={d ? `Immersion : ${d.content.jobLabel} chez ${d.content.host.name}` : 'Immersion (PMSMP)'}
        description={
          d ? (
            <p>
              {d.personName} —{' '}
              <Badge tone={immersionStatusTones[d.status]}>{immersionStatusLabels[d.status]}</Badge> du{' '}
              {formatDate(d.content.startDate)} au {formatDate(d.content.endDate)}
              {d.renewalOf ? ' — renouvellement' : ''}
            </p>
          ) : null
        }
      />
      <LiveMessage>{message}</LiveMessage>
      {query.isPending ? (
        <Loading label="Chargement de la convention…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : d ? (
        <>
          {message ? <p className="alert alert--success">{message}</p> : null}
          {canWrite ? <ImmersionActions detail={d} onChanged={changed} /> : null}
          <p>
            <a href={immersionPdfHref(d.id)} target="_blank" rel="noreferrer">
              Télécharger la convention (PDF)
            </a>
          </p>
          {editing ? (
            <Section id="modifier" title="Modifier la convention">
              <ImmersionForm
                detail={d}
                submitLabel="Enregistrer les modifications"
                failTitle="La convention n’a pas été modifiée"
                save={async (content) => {
                  const next = await updateImmersion(d, content);
                  setEditing(false);
                  await changed(
                    next,
                    d.signatures.length
                      ? 'La convention est modifiée : les signatures sont annulées, elle est repassée en brouillon.'
                      : 'La convention est modifiée.',
                  );
                }}
                onCancel={() => setEditing(false)}
              />
            </Section>
          ) : (
            <>
              <ImmersionView detail={d} />
              {canWrite && editable.includes(d.status) ? (
                <p>
                  <Button variant="secondary" onClick={() => setEditing(true)}>
                    Modifier ou reporter
                  </Button>{' '}
                  <span className="muted">
                    Toute modification après une signature annule les signatures recueillies.
                  </span>
                </p>
              ) : null}
            </>
          )}
          <SignaturePanel detail={d} onChanged={changed} canWrite={canWrite} />
          {canWrite && d.status === 'ended' ? <AssessmentForm detail={d} onChanged={changed} /> : null}
          {canWrite && renewable.includes(d.status) && !d.renewedBy ? <RenewalForm detail={d} /> : null}
        </>
      ) : null}
    </>
  );
}
