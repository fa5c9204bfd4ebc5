import {
  api,
  findTemplateProblems,
  type MessageTemplate,
  messageChannelLabels,
  type TemplatePreview,
  templateSmsLength,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { isApiError } from '../../lib/api';
import { call } from '../../lib/client';
import { formatDateTime } from '../../lib/format';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../lib/forms';
import {
  Button,
  ConfirmDialog,
  ConflictAlert,
  FormAlert,
  LeaveGuard,
  TextAreaField,
  TextField,
  VisuallyHidden,
} from '../../ui';
import { useDepartmentName } from '../auth/session';
import { messagingKeys } from './api';
import { smsSummary } from './sms';

const fields = ['subject', 'body'] as const;

/** One template's form: placeholders to insert, preview with sample data, save with version check. */
export function TemplateEditor({
  template,
  onClose,
  onSaved,
}: {
  template: MessageTemplate;
  onClose: () => void;
  onSaved: (saved: MessageTemplate) => void;
}) {
  const queryClient = useQueryClient();
  const departmentName = useDepartmentName();
  const formRef = useRef<HTMLFormElement>(null);
  const ids = { subject: useId(), body: useId(), heading: useId(), preview: useId() };
  const isSms = template.channel === 'sms';
  const [values, setValues] = useState({ subject: template.subject ?? '', body: template.body });
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [target, setTarget] = useState<'subject' | 'body'>('body');
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [reloading, setReloading] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const dirty = values.subject !== (template.subject ?? '') || values.body !== template.body;

  const input = () => ({ subject: isSms ? null : values.subject, body: values.body });

  /** The same checks as the server, at once, with the same French messages. */
  function checkLocally(): boolean {
    const problems = findTemplateProblems(template.code, template.channel, input());
    if (problems.length === 0) return true;
    const fieldErrors: Record<string, string> = {};
    for (const p of problems) fieldErrors[p.path] ??= p.message;
    setErrors({ message: 'Le modèle contient des erreurs : rien n’a été enregistré.', fields: fieldErrors });
    focusFirstInvalid(formRef.current);
    return false;
  }

  const showPreview = useMutation({
    mutationFn: () => call(api.messaging.previewTemplate, { params: { id: template.id }, body: input() }),
    onSuccess: (p) => {
      setErrors(noErrors);
      setPreview(p);
    },
    onError: (error) => {
      setPreview(null);
      setErrors(errorsFromApi(error, fields));
      focusFirstInvalid(formRef.current);
    },
  });

  const save = useMutation({
    mutationFn: () =>
      call(api.messaging.updateTemplate, {
        params: { id: template.id },
        body: { ...input(), version: template.version },
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData<MessageTemplate[]>(messagingKeys.templates, (list) =>
        list?.map((t) => (t.id === saved.id ? saved : t)),
      );
      await queryClient.invalidateQueries({ queryKey: messagingKeys.templates });
      onSaved(saved);
    },
    onError: (error) => {
      setReloaded(false);
      if (!isApiError(error, 'CONFLICT')) {
        setErrors(errorsFromApi(error, fields));
        focusFirstInvalid(formRef.current);
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checkLocally()) return;
    setErrors(noErrors);
    save.mutate();
  }

  async function reload() {
    setReloading(true);
    await queryClient.refetchQueries({ queryKey: messagingKeys.templates });
    setReloading(false);
    setReloaded(true);
    save.reset();
  }

  /** Inserts a placeholder where the cursor is, in the field last focused. */
  function insert(name: string) {
    const token = `{{${name}}}`;
    const field = isSms ? 'body' : target;
    const element = document.getElementById(ids[field]) as HTMLInputElement | HTMLTextAreaElement | null;
    const current = values[field];
    const start = element?.selectionStart ?? current.length;
    const end = element?.selectionEnd ?? current.length;
    setValues((v) => ({ ...v, [field]: current.slice(0, start) + token + current.slice(end) }));
    requestAnimationFrame(() => {
      if (!element) return;
      element.focus();
      element.setSelectionRange(start + token.length, start + token.length);
    });
  }

  // Counted as sent: placeholders filled with the preview's values (a « ô » forces UCS-2).
  const liveSms = isSms ? templateSmsLength(template.code, values.body, departmentName) : null;
  const conflict = isApiError(save.error, 'CONFLICT');

  return (
    <section className="section" aria-labelledby={ids.heading}>
      <LeaveGuard
        when={dirty && !save.isSuccess}
        title="Quitter sans enregistrer ?"
        message="Les modifications de ce modèle ne sont pas enregistrées. Si vous quittez la page, elles seront perdues."
      />
      <h2 id={ids.heading} tabIndex={-1}>
        {template.codeLabel} — {messageChannelLabels[template.channel]}
      </h2>
      <p className="muted">
        Dernière modification le {formatDateTime(template.updatedAt)}
        {template.updatedByName ? ` par ${template.updatedByName}` : ''} (version {template.version}).
      </p>
      {template.channel === 'letter' ? (
        <p>
          L’en-tête du département, l’adresse de la personne, le lieu et la date, puis la signature sont
          ajoutés au courrier. Le cadre{' '}
          {template.code === 'orientation_decision'
            ? '« Vos engagements et vos recours »'
            : '« Vos droits et devoirs »'}{' '}
          figure toujours sur le courrier : il ne se modifie pas ici.
        </p>
      ) : null}
      <form ref={formRef} onSubmit={submit} noValidate>
        {conflict || reloaded ? (
          <ConflictAlert onReload={() => void reload()} reloading={reloading} reloaded={reloaded} />
        ) : null}
        <FormAlert
          title="Le modèle n’a pas été enregistré"
          message={errors.message}
          fieldCount={Object.keys(errors.fields).length}
        />
        {isSms ? null : (
          <TextField
            id={ids.subject}
            label={template.channel === 'email' ? 'Objet de l’e-mail' : 'Objet du courrier'}
            value={values.subject}
            onChange={(subject) => setValues((v) => ({ ...v, subject }))}
            onFocus={() => setTarget('subject')}
            error={errors.fields.subject}
            maxLength={300}
          />
        )}
        <TextAreaField
          id={ids.body}
          label={isSms ? 'Texte du SMS' : 'Texte du message'}
          hint="Séparez les paragraphes par une ligne vide. Les balises de la liste ci-dessous sont remplacées à l’envoi ; une ligne dont les balises sont vides (« Programme : » sans programme) est omise. Les formes « convoqué(e) », « soumis(e) » s’accordent au sexe de la personne."
          value={values.body}
          onChange={(body) => setValues((v) => ({ ...v, body }))}
          onFocus={() => setTarget('body')}
          error={errors.fields.body}
          rows={isSms ? 5 : 16}
        />
        {liveSms ? (
          <p aria-live="polite" className="muted">
            {smsSummary(liveSms)} avec les balises remplacées par l’exemple de l’aperçu.
          </p>
        ) : null}

        <h3>Balises disponibles</h3>
        <ul className="action-list">
          {template.placeholders.map((p) => (
            <li key={p.name}>
              <code>{`{{${p.name}}}`}</code>
              <span>{p.label}</span>
              <Button variant="tertiary" size="sm" onClick={() => insert(p.name)}>
                Insérer<VisuallyHidden> la balise {`{{${p.name}}}`}</VisuallyHidden>
              </Button>
            </li>
          ))}
        </ul>

        <div className="form-actions">
          <Button type="submit" pending={save.isPending}>
            Enregistrer le modèle
          </Button>
          <Button
            variant="secondary"
            pending={showPreview.isPending}
            onClick={() => {
              if (checkLocally()) showPreview.mutate();
            }}
          >
            Prévisualiser
          </Button>
          <Button variant="tertiary" onClick={() => (dirty ? setConfirmClose(true) : onClose())}>
            Retour à la liste
          </Button>
        </div>
      </form>

      <ConfirmDialog
        open={confirmClose}
        title="Abandonner les modifications ?"
        confirmLabel="Abandonner les modifications"
        cancelLabel="Continuer la saisie"
        danger
        onConfirm={onClose}
        onCancel={() => setConfirmClose(false)}
      >
        <p>Les modifications de ce modèle ne sont pas enregistrées.</p>
      </ConfirmDialog>
      <div aria-live="polite">
        {preview ? (
          <section className="card" aria-labelledby={ids.preview}>
            <h3 id={ids.preview}>Aperçu avec des données d’exemple</h3>
            {preview.subject ? (
              <p>
                <strong>Objet : </strong>
                {preview.subject}
              </p>
            ) : null}
            <div style={{ whiteSpace: 'pre-wrap' }}>{preview.body}</div>
            {preview.sms ? (
              <p className="muted">{smsSummary(preview.sms)} une fois les balises remplacées.</p>
            ) : null}
          </section>
        ) : null}
      </div>
    </section>
  );
}
