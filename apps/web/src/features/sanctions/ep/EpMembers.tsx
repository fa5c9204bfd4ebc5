import {
  type EpMember,
  type EpMemberQuality,
  type EpSessionDetail,
  epMemberQualities,
  epMemberQualityLabels,
} from '@parcours/contracts';
import { useRef, useState } from 'react';
import { call } from '../../../lib/client';
import {
  emptyToNull,
  errorsFromApi,
  type FormErrorState,
  focusFirstInvalid,
  noErrors,
} from '../../../lib/forms';
import {
  Alert,
  Button,
  Checkbox,
  EmptyState,
  FormActions,
  FormAlert,
  Section,
  SelectField,
  Table,
  TextField,
} from '../../../ui';
import { useActor } from '../../auth/session';
import { epRoutes, useEpMutation } from './api';

/** The session's members with their quality and, once it is held, their presence. */
export function EpMembers({ session }: { session: EpSessionDetail }) {
  const actor = useActor();
  const editable =
    actor.permissions.includes('ep.manage') && !['closed', 'cancelled'].includes(session.status);
  const params = (memberId: string) => ({ id: session.id, memberId });
  // The box follows the click at once (set in the change handler: the mutation's own state arrives
  // a tick later); the override goes once the call settles, the session then holding the answer.
  const [clicked, setClicked] = useState<Record<string, boolean>>({});
  const presence = useEpMutation((i: { memberId: string; present: boolean }) =>
    call(epRoutes.setPresence, { params: params(i.memberId), body: { present: i.present } }),
  );
  const togglePresence = (memberId: string, present: boolean) => {
    setClicked((c) => ({ ...c, [memberId]: present }));
    presence.mutate(
      { memberId, present },
      {
        // A later click on the same box keeps its own override.
        onSettled: () =>
          setClicked((c) => {
            if (c[memberId] !== present) return c;
            const { [memberId]: _, ...rest } = c;
            return rest;
          }),
      },
    );
  };
  const remove = useEpMutation((memberId: string) =>
    call(epRoutes.removeMember, { params: params(memberId) }),
  );
  const failed = presence.error ?? remove.error;
  return (
    <Section id="membres-ep" title="Membres">
      {failed ? (
        <Alert tone="error" title="Les membres n’ont pas été modifiés">
          {errorsFromApi(failed).message}
        </Alert>
      ) : null}
      {session.members.length === 0 ? (
        <EmptyState title="Aucun membre enregistré." />
      ) : (
        <Table<EpMember>
          caption={`${session.members.length} membre(s)`}
          rows={session.members}
          rowKey={(m) => m.id}
          columns={[
            { key: 'name', header: 'Nom', rowHeader: true, render: (m) => m.name },
            {
              key: 'quality',
              header: 'Qualité',
              render: (m) => `${epMemberQualityLabels[m.quality]}${m.detail ? ` (${m.detail})` : ''}`,
            },
            {
              key: 'present',
              header: 'Présent',
              render: (m) =>
                editable ? (
                  <Checkbox
                    label={`${m.name} présent à la séance`}
                    checked={clicked[m.id] ?? m.present === true}
                    onChange={(present) => togglePresence(m.id, present)}
                  />
                ) : m.present === true ? (
                  'Présent'
                ) : m.present === false ? (
                  'Absent'
                ) : (
                  '—'
                ),
            },
            {
              key: 'actions',
              header: 'Actions',
              render: (m) =>
                editable ? (
                  <Button variant="tertiary" size="sm" onClick={() => remove.mutate(m.id)}>
                    Retirer {m.name}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      {editable ? <MemberForm sessionId={session.id} /> : null}
    </Section>
  );
}

function MemberForm({ sessionId }: { sessionId: string }) {
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [quality, setQuality] = useState<EpMemberQuality | ''>('');
  const [detail, setDetail] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const mutation = useEpMutation(
    () =>
      call(epRoutes.addMember, {
        params: { id: sessionId },
        body: { name, quality: quality || (undefined as never), detail: emptyToNull(detail) },
      }),
    () => {
      setName('');
      setQuality('');
      setDetail('');
    },
  );
  return (
    <form
      ref={form}
      noValidate
      className="form"
      aria-labelledby="ajout-membre-ep"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors(noErrors);
        mutation.mutate(undefined, {
          onError: (err) => {
            setErrors(errorsFromApi(err, ['name', 'quality', 'detail']));
            focusFirstInvalid(form.current);
          },
        });
      }}
    >
      <h3 id="ajout-membre-ep">Ajouter un membre</h3>
      <FormAlert
        title="Le membre n’a pas été ajouté"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <TextField label="Nom" value={name} onChange={setName} error={errors.fields.name} />
      <SelectField
        label="Qualité"
        value={quality}
        onChange={(v) => setQuality(v as EpMemberQuality | '')}
        placeholder="Choisir…"
        options={epMemberQualities.map((q) => ({ value: q, label: epMemberQualityLabels[q] }))}
        error={errors.fields.quality}
      />
      <TextField
        label="Précision"
        optional
        hint="Par exemple : directrice de l’agence France Travail d’Aix."
        value={detail}
        onChange={setDetail}
        error={errors.fields.detail}
      />
      <FormActions submitLabel="Ajouter le membre" pending={mutation.isPending} />
    </form>
  );
}
