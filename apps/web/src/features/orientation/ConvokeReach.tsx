import { type ConvocationPreview, type MessageChannelCode, messageChannelLabels } from '@parcours/contracts';
import { formatDateTime } from '../../lib/format';
import { Table } from '../../ui';

const channels: MessageChannelCode[] = ['letter', 'email', 'sms'];

/** "5 jours", "48 h": the minimum delay of a channel under the rule in force. */
export function delayOf(rule: ConvocationPreview['rule'], channel: MessageChannelCode): string {
  if (channel === 'letter') return `${rule.letterDays} jour${rule.letterDays > 1 ? 's' : ''}`;
  return `${channel === 'email' ? rule.emailHours : rule.smsHours} h`;
}

/** For each selected person: the channels that reach them, and from when an appointment is possible. */
export function ConvokeReach({ preview }: { preview: ConvocationPreview }) {
  const { rule } = preview;
  return (
    <Table
      caption={`Délais minimaux avant le rendez-vous : ${channels.map((c) => `${messageChannelLabels[c].toLowerCase()} ${delayOf(rule, c)}`).join(', ')}`}
      className="table--compact"
      rows={preview.persons}
      rowKey={(p) => p.personId}
      columns={[
        { key: 'name', header: 'Personne', rowHeader: true, render: (p) => p.name },
        ...channels.map((c) => ({
          key: c,
          header: messageChannelLabels[c],
          render: (p: ConvocationPreview['persons'][number]) => {
            const reach = p.channels.find((x) => x.channel === c);
            return reach ? `dès le ${formatDateTime(reach.earliestAt)}` : 'non joignable';
          },
        })),
        {
          key: 'earliest',
          header: 'Rendez-vous possible',
          render: (p) =>
            p.earliestAt ? `dès le ${formatDateTime(p.earliestAt)}` : 'aucun moyen de la prévenir',
        },
      ]}
    />
  );
}
