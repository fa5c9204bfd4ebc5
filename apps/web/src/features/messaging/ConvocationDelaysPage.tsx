import { useState } from 'react';
import { formatDate, plural } from '../../lib/format';
import { ErrorState, LiveMessage, Loading, PageHeader, Section } from '../../ui';
import { RuleSetHistory } from '../../ui/DatedRuleSet';
import { DelayRuleForm } from './DelayRuleForm';
import { useConvocationDelays } from './postalApi';

/** The minimum delays per channel before a convocation's appointment: in force, history, new rule. */
export function ConvocationDelaysPage() {
  const delays = useConvocationDelays();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Délais de convocation"
        description={
          <p>
            Le délai minimal entre l’envoi d’une convocation et le rendez-vous, pour chaque moyen. Une
            convocation groupée refuse, ou reporte au premier rendez-vous possible, les personnes qu’aucun
            moyen ne prévient à temps. Un délai s’applique à partir d’une date ; les précédents sont
            conservés.
          </p>
        }
      />
      <LiveMessage>{message}</LiveMessage>
      {delays.isPending ? (
        <Loading label="Chargement des délais…" />
      ) : delays.isError ? (
        <ErrorState error={delays.error} onRetry={() => delays.refetch()} />
      ) : (
        <>
          <Section id="delais-en-vigueur" title="En vigueur aujourd’hui">
            <p>
              Courrier : {plural(delays.data.current.letterDays, 'jour', 'jours')} ; e-mail :{' '}
              {delays.data.current.emailHours} h ; SMS : {delays.data.current.smsHours} h (depuis le{' '}
              {formatDate(delays.data.current.effectiveFrom)}).
            </p>
          </Section>
          <Section id="delais-historique" title="Historique">
            <RuleSetHistory
              caption="Délais successifs, du plus récent au plus ancien"
              rows={delays.data.rules}
              columns={[
                { key: 'letter', header: 'Courrier', render: (r) => plural(r.letterDays, 'jour', 'jours') },
                { key: 'email', header: 'E-mail', render: (r) => `${r.emailHours} h` },
                { key: 'sms', header: 'SMS', render: (r) => `${r.smsHours} h` },
              ]}
            />
          </Section>
          <Section id="delais-nouveaux" title="Fixer de nouveaux délais">
            <DelayRuleForm current={delays.data.current} onSaved={setMessage} />
          </Section>
        </>
      )}
    </>
  );
}
