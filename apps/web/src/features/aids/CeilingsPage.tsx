import {
  type AidCeilings,
  type AidKind,
  aidCeilingInputSchema,
  aidKindLabels,
  aidKinds,
  formatCents,
  parseEuros,
} from '@parcours/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { ErrorState, LiveMessage, Loading, PageHeader, Section, Table, TextField } from '../../ui';
import { DatedRuleSetForm, RuleSetHistory } from '../../ui/DatedRuleSet';
import { parisToday } from '../agenda/dates';
import { AidsNav } from './AidsNav';
import { addCeilings, aidKeys, useAidCeilings } from './api';

const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
const toCents = (v: string) => (v.trim() === '' ? Number.NaN : (parseEuros(v) ?? Number.NaN));
const fields = aidKinds.flatMap((k) => [`perAid.${k}`, `perPersonYear.${k}`]);

/** Ceilings per kind of aid (per aid, per person and year) in force from a date; the former ones stay. */
export function CeilingsPage() {
  const ceilings = useAidCeilings();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Plafonds des aides individuelles"
        description={
          <p>
            Le montant maximal d’une aide et le total annuel par personne, pour chaque nature. Une aide est
            jugée selon les plafonds en vigueur le jour de sa demande. Les valeurs initiales sont des valeurs
            par défaut : le Département fixe les siennes à partir d’une date.
          </p>
        }
      />
      <AidsNav />
      <LiveMessage>{message}</LiveMessage>
      {ceilings.isPending ? (
        <Loading label="Chargement des plafonds…" />
      ) : ceilings.isError ? (
        <ErrorState error={ceilings.error} onRetry={() => ceilings.refetch()} />
      ) : (
        <>
          <Section id="plafonds-en-vigueur" title="En vigueur aujourd’hui">
            <p>
              Depuis le {formatDate(ceilings.data.current.effectiveFrom)} : {ceilings.data.current.source}.
            </p>
            <Table<AidKind>
              caption="Plafonds en vigueur par nature d’aide"
              rows={aidKinds}
              rowKey={(k) => k}
              columns={[
                { key: 'kind', header: 'Nature', rowHeader: true, render: (k) => aidKindLabels[k] },
                {
                  key: 'aid',
                  header: 'Par aide',
                  nowrap: true,
                  render: (k) => formatCents(ceilings.data.current.perAid[k]),
                },
                {
                  key: 'year',
                  header: 'Par personne et par an',
                  nowrap: true,
                  render: (k) => formatCents(ceilings.data.current.perPersonYear[k]),
                },
              ]}
            />
          </Section>
          <Section id="plafonds-historique" title="Historique">
            <RuleSetHistory
              caption="Plafonds successifs, du plus récent au plus ancien"
              rows={ceilings.data.rules}
              columns={[
                {
                  key: 'driving',
                  header: 'Permis de conduire (par aide / par an)',
                  render: (r) =>
                    `${formatCents(r.perAid.driving_licence)} / ${formatCents(r.perPersonYear.driving_licence)}`,
                },
              ]}
            />
          </Section>
          <Section id="plafonds-nouveaux" title="Fixer de nouveaux plafonds">
            <CeilingsForm current={ceilings.data.current} onSaved={setMessage} />
          </Section>
        </>
      )}
    </>
  );
}

function CeilingsForm({
  current,
  onSaved,
}: {
  current: AidCeilings['current'];
  onSaved: (m: string) => void;
}) {
  const queryClient = useQueryClient();
  const [perAid, setPerAid] = useState(() =>
    Object.fromEntries(aidKinds.map((k) => [k, euros(current.perAid[k])])),
  );
  const [perYear, setPerYear] = useState(() =>
    Object.fromEntries(aidKinds.map((k) => [k, euros(current.perPersonYear[k])])),
  );
  return (
    <DatedRuleSetForm
      today={parisToday()}
      schema={aidCeilingInputSchema}
      input={(common) => ({
        ...common,
        perAid: Object.fromEntries(aidKinds.map((k) => [k, toCents(perAid[k] ?? '')])),
        perPersonYear: Object.fromEntries(aidKinds.map((k) => [k, toCents(perYear[k] ?? '')])),
      })}
      fields={fields}
      save={addCeilings}
      onSaved={(saved) => {
        queryClient.setQueryData(aidKeys.ceilings, saved);
        onSaved('Les nouveaux plafonds sont enregistrés ; les précédents restent dans l’historique.');
      }}
      title="Les plafonds n’ont pas été enregistrés"
      submitLabel="Enregistrer ces plafonds"
      sourceHint="Par exemple : délibération de la commission permanente du 12 janvier."
    >
      {(errors) =>
        aidKinds.map((k) => (
          <div key={k}>
            <TextField
              label={`${aidKindLabels[k]} : par aide (€)`}
              inputMode="decimal"
              value={perAid[k] ?? ''}
              onChange={(v) => setPerAid((s) => ({ ...s, [k]: v }))}
              error={errors[`perAid.${k}`]}
            />
            <TextField
              label={`${aidKindLabels[k]} : par personne et par an (€)`}
              inputMode="decimal"
              value={perYear[k] ?? ''}
              onChange={(v) => setPerYear((s) => ({ ...s, [k]: v }))}
              error={errors[`perPersonYear.${k}`]}
            />
          </div>
        ))
      }
    </DatedRuleSetForm>
  );
}
