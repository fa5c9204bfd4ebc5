import { formatNumber, plural } from '../../lib/format';
import { Alert, Table } from '../../ui';
import type { FtAcknowledgementResult } from './api';

/** What an accepted acknowledgement changed, said plainly when it changed nothing. */
export function AcknowledgementResult({ result }: { result: FtAcknowledgementResult }) {
  const errors = result.errors ?? [];
  const unchanged = result.unchanged ?? 0;
  const repeated = result.repeated ?? 0;
  // The same file again changes nothing: said plainly, not as a second success.
  const nothingChanged = errors.length === 0 && result.registered + result.rejected === 0;
  const tone = nothingChanged
    ? 'info'
    : errors.length > 0 || result.unknown > 0 || result.rejected > 0
      ? 'warning'
      : 'success';
  return (
    <Alert
      tone={tone}
      title={
        nothingChanged
          ? 'Accusé de réception déjà pris en compte : rien n’a changé'
          : 'Accusé de réception enregistré'
      }
      live="off"
    >
      {result.message ? <p>{result.message}</p> : null}
      <ul className="plain-list compact-list">
        <li>{plural(result.registered, 'inscription confirmée', 'inscriptions confirmées')}</li>
        <li>{plural(result.rejected, 'inscription refusée', 'inscriptions refusées')}</li>
        {unchanged > 0 ? (
          <li>{plural(unchanged, 'ligne déjà enregistrée', 'lignes déjà enregistrées')} (inchangées)</li>
        ) : null}
        {repeated > 0 ? (
          <li>
            {plural(repeated, 'ligne en double appliquée', 'lignes en double appliquées')} une seule fois
          </li>
        ) : null}
        {result.unknown > 0 ? (
          <li>
            {plural(result.unknown, 'ligne ne correspond', 'lignes ne correspondent')} à aucune inscription
            transmise
          </li>
        ) : null}
      </ul>
      {errors.length > 0 ? (
        <Table
          caption={`Lignes non prises en compte (${errors.length})`}
          columns={[
            {
              key: 'line',
              header: 'Ligne',
              rowHeader: true,
              render: (e: { line: number; reason: string }) => formatNumber(e.line),
            },
            { key: 'reason', header: 'Motif', render: (e: { line: number; reason: string }) => e.reason },
          ]}
          rows={errors}
          rowKey={(e) => `${e.line}-${e.reason}`}
        />
      ) : null}
    </Alert>
  );
}
