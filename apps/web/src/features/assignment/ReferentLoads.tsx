import type { ReferentLoad } from '@parcours/contracts';
import { Badge, type Column, Table } from '../../ui';

export const referentLabel = (r: ReferentLoad) => `${r.firstName} ${r.lastName}`.trim();

/** The structure's référents, their load against their cap, the proposed one marked. */
export function ReferentLoads({
  referents,
  proposedId,
  capsEffectiveFrom,
}: {
  referents: ReferentLoad[];
  proposedId: string | null;
  capsEffectiveFrom: string;
}) {
  const columns: Column<ReferentLoad>[] = [
    {
      key: 'name',
      header: 'Référent',
      rowHeader: true,
      render: (r) => (
        <>
          {referentLabel(r)}
          {r.globalSupportPair ? <span className="muted"> · accompagnement global</span> : null}
          {r.id === proposedId ? (
            <>
              {' '}
              <Badge tone="success">proposé</Badge>
            </>
          ) : null}
        </>
      ),
    },
    { key: 'load', header: 'Personnes suivies', render: (r) => String(r.load) },
    { key: 'cap', header: 'Plafond', render: (r) => String(r.cap) },
    {
      key: 'state',
      header: 'Charge',
      render: (r) =>
        r.load > r.cap ? (
          <Badge tone="danger">au-delà du plafond</Badge>
        ) : r.load === r.cap ? (
          <Badge tone="warning">plafond atteint</Badge>
        ) : (
          `${Math.round((r.load / r.cap) * 100)} %`
        ),
    },
  ];
  return (
    <Table
      caption={`Référents de la structure et leur portefeuille (plafonds en vigueur depuis le ${capsEffectiveFrom.split('-').reverse().join('/')})`}
      rows={referents}
      rowKey={(r) => r.id}
      columns={columns}
    />
  );
}
