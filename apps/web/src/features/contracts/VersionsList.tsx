import { type ContractDetail, type ContractVersion, contractVersionStatusLabels } from '@parcours/contracts';
import { formatDate, formatDateTime } from '../../lib/format';
import { Badge, Section, Table } from '../../ui';
import { contractPdfHref } from './api';

const methodLabels = { on_screen: 'à l’écran', beneficiary_space: 'depuis son espace' } as const;

/** Every version of the contract: which is in force, which is current, hashes and signatures, PDFs. */
export function VersionsList({ contract }: { contract: ContractDetail }) {
  const rows = [...contract.versions].sort((a, b) => b.number - a.number);
  return (
    <Section id="versions" title="Versions du contrat">
      <Table<ContractVersion>
        caption="Versions du contrat, la plus récente en premier"
        captionHidden
        rows={rows}
        rowKey={(v) => v.id}
        columns={[
          {
            key: 'number',
            header: 'Version',
            rowHeader: true,
            render: (v) => `Version n° ${v.number}${v.number > 1 ? ' (avenant)' : ''}`,
          },
          {
            key: 'status',
            header: 'État',
            render: (v) => (
              <span className="badges">
                <Badge
                  tone={v.status === 'signed' ? 'success' : v.status === 'proposed' ? 'warning' : 'neutral'}
                >
                  {contractVersionStatusLabels[v.status]}
                </Badge>
                {v.number === contract.inForceVersionNo ? (
                  <Badge tone="success">Version en vigueur</Badge>
                ) : null}
                {v.number === contract.currentVersionNo && v.number !== contract.inForceVersionNo ? (
                  <Badge>Version en cours</Badge>
                ) : null}
              </span>
            ),
          },
          {
            key: 'hash',
            header: 'Empreinte du contenu',
            render: (v) => <span className="contract-hash">{v.contentHash ?? 'pas encore figée'}</span>,
          },
          {
            key: 'agent',
            header: 'Signature de la structure',
            render: (v) =>
              v.agentSignedAt
                ? `${formatDateTime(v.agentSignedAt)}${v.agentSignedByName ? `, ${v.agentSignedByName}` : ''}`
                : '—',
          },
          {
            key: 'person',
            header: 'Signature de la personne',
            render: (v) =>
              v.personSignedAt
                ? `${formatDateTime(v.personSignedAt)}${v.personSignatureMethod ? `, ${methodLabels[v.personSignatureMethod]}` : ''}`
                : '—',
          },
          {
            key: 'pdf',
            header: 'Document',
            render: (v) => (
              <a href={contractPdfHref(contract.id, v.number)}>
                Télécharger le PDF<span className="sr-only"> de la version n° {v.number}</span>
              </a>
            ),
          },
        ]}
      />
      {contract.refusals.length > 0 ? (
        <>
          <h3>Refus de la personne</h3>
          <ul className="plain-list">
            {contract.refusals.map((r) => (
              <li key={`${r.versionNumber}-${r.refusedOn}-${r.statement}`}>
                Le {formatDate(r.refusedOn)}, refus de signer {r.amendment ? 'l’avenant' : 'le contrat'}{' '}
                (version n° {r.versionNumber}) : « {r.statement} »
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}
