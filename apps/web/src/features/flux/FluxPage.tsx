import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { PageHeader } from '../../ui';
import { uploadFlux } from './api';
import { FluxRunSection } from './FluxRunSection';
import { FluxRunsSection } from './FluxRunsSection';
import { FluxUploadSection, type LiveRun } from './FluxUploadSection';

export function FluxPage() {
  const [params, setParams] = useSearchParams();
  const runId = params.get('run');
  const [live, setLive] = useState<LiveRun | null>(null);
  const [resendError, setResendError] = useState<string | null>(null);
  const [resending, setResending] = useState(false);
  /** Move focus to the report once it is shown (after a click in the list of imports). */
  const focusReport = useRef(false);

  function showRun(id: string | null, focus: boolean) {
    const next = new URLSearchParams(params);
    if (id) next.set('run', id);
    else next.delete('run');
    focusReport.current = focus;
    setParams(next);
  }

  function started(run: LiveRun) {
    setLive(run);
    showRun(run.runId, false);
  }

  /** The same file again, applying its valid households (the refused ones stay in the report). */
  async function applyValid(run: LiveRun) {
    setResendError(null);
    setResending(true);
    try {
      const next = await uploadFlux({
        ...run.sent,
        policy: 'apply-valid',
        signal: new AbortController().signal,
        onUploadProgress: () => {},
        onUploaded: () => {},
      });
      started({ ...next, sent: run.sent });
    } catch (error) {
      setResendError(
        isApiError(error) ? error.message : 'L’envoi du fichier a échoué. Rien n’a été appliqué.',
      );
    } finally {
      setResending(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Flux CAF / MSA"
        description={
          <p>
            Importez les fichiers transmis par la CAF et la MSA (bénéficiaires VRSB, instruction VIRS, au
            format XML ou CSV). Un fichier qui contient une erreur est rejeté en entier : rien n’est appliqué.
          </p>
        }
      />
      <FluxUploadSection onStarted={started} />
      {runId ? (
        <FluxRunSection
          key={runId}
          runId={runId}
          live={live?.runId === runId ? live : null}
          applyValid={
            live?.runId === runId
              ? { pending: resending, error: resendError, run: () => void applyValid(live) }
              : null
          }
          takeFocus={() => {
            const focus = focusReport.current;
            focusReport.current = false;
            return focus;
          }}
          onClose={() => showRun(null, false)}
        />
      ) : null}
      <FluxRunsSection selected={runId} onShow={(id) => showRun(id, true)} />
    </>
  );
}
