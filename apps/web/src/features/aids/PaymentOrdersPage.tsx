import { formatCents, type PaymentOrderSummary } from '@parcours/contracts';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { Button, EmptyState, ErrorState, LiveMessage, Loading, PageHeader, Section, Table } from '../../ui';
import { AidsNav } from './AidsNav';
import { usePaymentOrders } from './api';
import { BuildOrderForm } from './BuildOrderForm';
import { PaymentOrderDetail } from './PaymentOrderDetail';

/** Payment orders: build one from the validated aids, download its CSV, mark it paid. */
export function PaymentOrdersPage() {
  const orders = usePaymentOrders();
  const [shown, setShown] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Ordres de paiement des aides"
        description={
          <p>
            Un ordre rassemble des aides validées ; son fichier CSV est transmis au service financier (une
            ligne par paiement, des totaux par nature et pour l’ordre). Une aide ne figure que dans un seul
            ordre.
          </p>
        }
      />
      <AidsNav />
      <LiveMessage>{message}</LiveMessage>
      <Section id="etablir" title="Établir un ordre de paiement">
        <BuildOrderForm
          onBuilt={(id, number) => {
            setShown(id);
            setMessage(`L’ordre de paiement ${number} est établi.`);
          }}
        />
      </Section>
      {shown ? <PaymentOrderDetail id={shown} onDone={setMessage} /> : null}
      <Section id="ordres" title="Ordres établis">
        {orders.isPending ? (
          <Loading label="Chargement des ordres…" />
        ) : orders.isError ? (
          <ErrorState error={orders.error} onRetry={() => orders.refetch()} />
        ) : orders.data.items.length === 0 ? (
          <EmptyState title="Aucun ordre de paiement." />
        ) : (
          <Table<PaymentOrderSummary>
            caption="Ordres de paiement, le plus récent en premier"
            captionHidden
            rows={orders.data.items}
            rowKey={(o) => o.id}
            columns={[
              { key: 'number', header: 'Ordre', rowHeader: true, render: (o) => o.number },
              { key: 'on', header: 'Établi le', nowrap: true, render: (o) => formatDate(o.orderedOn) },
              { key: 'hub', header: 'Pôle', render: (o) => o.hubName ?? 'Tous' },
              {
                key: 'lines',
                header: 'Lignes',
                render: (o) => `${o.lineCount} (${o.paidCount} payée(s), ${o.cancelledCount} annulée(s))`,
              },
              { key: 'total', header: 'Total', nowrap: true, render: (o) => formatCents(o.totalCents) },
              {
                key: 'open',
                header: 'Détail',
                render: (o) => (
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => setShown(o.id)}
                    aria-label={`Afficher l’ordre ${o.number}`}
                  >
                    Afficher
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Section>
    </>
  );
}
