import {
  aidKindLabels,
  type PaymentOrderDetail as Detail,
  formatCents,
  paymentOrderPaidSchema,
} from '@parcours/contracts';
import { useRef, useState } from 'react';
import { formatDate } from '../../lib/format';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import { Badge, ErrorState, FormActions, FormAlert, Loading, Section, Table, TextField } from '../../ui';
import { parisToday } from '../agenda/dates';
import { markPaid, paymentOrderCsvHref, useAidMutation, usePaymentOrder } from './api';
import { aidStatusLabel, aidStatusTones } from './labels';

type Line = Detail['lines'][number];

/** An order: its lines, totals per kind, the CSV for the finance system and « marquer payé ». */
export function PaymentOrderDetail({ id, onDone }: { id: string; onDone: (message: string) => void }) {
  const order = usePaymentOrder(id);
  if (order.isPending) return <Loading label="Chargement de l’ordre de paiement…" />;
  if (order.isError) return <ErrorState error={order.error} onRetry={() => order.refetch()} />;
  const o = order.data;
  const open = o.lines.filter((l) => l.status === 'ordered').length;
  return (
    <Section id="ordre" title={`Ordre de paiement ${o.number}`}>
      <p>
        Établi le {formatDate(o.orderedOn)}
        {o.hubName ? ` pour le pôle ${o.hubName}` : ' pour tous les pôles'} : {o.lineCount} ligne(s),{' '}
        <strong>{formatCents(o.totalCents)}</strong>.{' '}
        <a href={paymentOrderCsvHref(o.id)} download>
          Télécharger le fichier CSV de l’ordre {o.number}
        </a>
      </p>
      <Table<Line>
        caption={`Lignes de l’ordre ${o.number}`}
        rows={o.lines}
        rowKey={(l) => l.aidId}
        columns={[
          { key: 'no', header: 'Ligne', render: (l) => l.lineNo },
          { key: 'person', header: 'Personne', rowHeader: true, render: (l) => l.personName },
          { key: 'kind', header: 'Nature', render: (l) => aidKindLabels[l.kind] },
          {
            key: 'payee',
            header: 'Paiement à',
            render: (l) => l.payeeLabel + (l.payeeReference ? ` (${l.payeeReference})` : ''),
          },
          { key: 'amount', header: 'Montant', nowrap: true, render: (l) => formatCents(l.amountCents) },
          {
            key: 'status',
            header: 'Statut',
            render: (l) => (
              <>
                <Badge tone={aidStatusTones[l.status]}>{aidStatusLabel(l.status)}</Badge>
                {l.paidOn ? (
                  <span className="muted">
                    {' '}
                    · le {formatDate(l.paidOn)} ({l.paymentReference})
                  </span>
                ) : null}
              </>
            ),
          },
        ]}
      />
      <Table<Detail['totalsByKind'][number]>
        caption="Totaux par nature d’aide"
        rows={o.totalsByKind}
        rowKey={(t) => t.kind}
        columns={[
          { key: 'kind', header: 'Nature', rowHeader: true, render: (t) => aidKindLabels[t.kind] },
          { key: 'count', header: 'Lignes', render: (t) => t.count },
          { key: 'total', header: 'Total', nowrap: true, render: (t) => formatCents(t.totalCents) },
        ]}
      />
      {open > 0 ? (
        <MarkPaidForm id={o.id} number={o.number} onDone={onDone} />
      ) : (
        <p>Toutes les lignes sont payées ou annulées.</p>
      )}
    </Section>
  );
}

function MarkPaidForm({ id, number, onDone }: { id: string; number: string; onDone: (m: string) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [paidOn, setPaidOn] = useState(parisToday());
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const mutation = useAidMutation(
    (input: Parameters<typeof markPaid>[1]) => markPaid(id, input),
    () => {
      setErrors(noErrors);
      onDone(`L’ordre ${number} est marqué payé.`);
    },
  );
  return (
    <form
      ref={form}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const checked = validate(paymentOrderPaidSchema, {
          paidOn,
          paymentReference: reference,
          aidIds: null,
        });
        if (!checked.ok) {
          setErrors(checked.errors);
          focusFirstInvalid(form.current);
          return;
        }
        mutation.mutate(checked.data, {
          onError: (err) => {
            setErrors(errorsFromApi(err, ['paidOn', 'paymentReference']));
            focusFirstInvalid(form.current);
          },
        });
      }}
    >
      <h3>Marquer payées les lignes en paiement</h3>
      <FormAlert
        title="Le paiement n’a pas été enregistré"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <TextField
        label="Date du paiement"
        type="date"
        value={paidOn}
        onChange={setPaidOn}
        error={errors.fields.paidOn}
      />
      <TextField
        label="Référence du paiement"
        value={reference}
        onChange={setReference}
        error={errors.fields.paymentReference}
        hint="Par exemple : le numéro du mandat."
      />
      <FormActions submitLabel="Marquer payé" pending={mutation.isPending} />
    </form>
  );
}
