import { type Coordinates, coordinatesUpdateSchema } from '@parcours/contracts';
import { type FormEvent, useMemo, useState } from 'react';
import { todayIso } from '../../../lib/format';
import { validate } from '../../../lib/forms';
import {
  Fieldset,
  FormActions,
  SelectField,
  TextField,
  useVersionedForm,
  VersionedFormAlerts,
} from '../../../ui';
import { useCommunes } from '../../territory/api';
import { useSaveCoordinates } from '../coordinates-api';

const knownFields = [
  'source',
  'phone',
  'smsConsent',
  'smsConsentOn',
  'email',
  'emailConsent',
  'emailConsentOn',
  'address.streetNumber',
  'address.street',
  'address.complement',
  'address.locality',
  'address.communeCode',
  'address.postalCode',
] as const;

const consentOptions = [
  { value: 'A', label: 'Accord donné' },
  { value: 'R', label: 'Refus' },
  { value: 'I', label: 'Non renseigné' },
];
const sourceOptions = [
  { value: 'beneficiary', label: 'Déclarées par la personne' },
  { value: 'agent', label: 'Constatées par l’agent (pièce, appel…)' },
];

interface Values {
  source: string;
  phone: string;
  smsConsent: string;
  smsConsentOn: string;
  email: string;
  emailConsent: string;
  emailConsentOn: string;
  streetNumber: string;
  street: string;
  complement: string;
  locality: string;
  /** "INSEE|postal code": one choice keeps both consistent. */
  commune: string;
}

function initialValues(c: Coordinates): Values {
  const a = c.address;
  return {
    source: 'beneficiary',
    phone: c.phone?.value ?? '',
    smsConsent: c.phone?.consent?.toUpperCase() ?? 'I',
    smsConsentOn: c.phone?.consentOn ?? '',
    email: c.email?.value ?? '',
    emailConsent: c.email?.consent?.toUpperCase() ?? 'I',
    emailConsentOn: c.email?.consentOn ?? '',
    streetNumber: a.streetNumber ?? '',
    street: a.street ?? '',
    complement: a.complement ?? '',
    locality: a.locality ?? '',
    commune: a.communeCode ? `${a.communeCode}|${a.postalCode ?? ''}` : '',
  };
}

/** The agent's correction of the coordinates: each changed field becomes a rectification. */
export function CoordinatesForm({
  personId,
  coordinates,
  refetch,
  onClose,
}: {
  personId: string;
  coordinates: Coordinates;
  refetch: () => Promise<unknown>;
  onClose: () => void;
}) {
  const form = useVersionedForm(knownFields);
  const [values, setValues] = useState<Values>(() => initialValues(coordinates));
  const set = (key: keyof Values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const save = useSaveCoordinates(personId, onClose);
  const communes = useCommunes({});
  const communeOptions = useMemo(
    () =>
      (communes.data ?? [])
        .flatMap((c) =>
          (c.postalCodes.length ? c.postalCodes : ['']).map((postal) => ({
            value: `${c.inseeCode}|${postal}`,
            label: `${postal ? `${postal} ` : ''}${c.name}`,
          })),
        )
        .sort((x, y) => x.label.localeCompare(y.label, 'fr')),
    [communes.data],
  );
  const commune = communeOptions.some((o) => o.value === values.commune)
    ? values.commune
    : // A commune known without its postal code: its first postal code, for the agent to check.
      (communeOptions.find((o) => o.value.startsWith(values.commune.split('|')[0] || '-'))?.value ?? '');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const [communeCode, postalCode] = commune ? commune.split('|') : [null, null];
    const dated = (consent: string, on: string) => (consent === 'I' ? null : on || null);
    form.send(
      validate(coordinatesUpdateSchema, {
        version: coordinates.version,
        source: values.source,
        phone: values.phone,
        smsConsent: values.smsConsent,
        smsConsentOn: dated(values.smsConsent, values.smsConsentOn),
        email: values.email,
        emailConsent: values.emailConsent,
        emailConsentOn: dated(values.emailConsent, values.emailConsentOn),
        address: {
          streetNumber: values.streetNumber,
          street: values.street,
          complement: values.complement,
          locality: values.locality,
          communeCode: communeCode || null,
          postalCode: postalCode || null,
        },
      }),
      (body) => save.mutate(body, { onError: form.onSaveError }),
    );
  }

  const errors = form.errors.fields;
  const consentDate = (consent: string, key: 'smsConsentOn' | 'emailConsentOn', label: string) =>
    consent === 'I' ? null : (
      <TextField
        type="date"
        label={label}
        value={values[key]}
        onChange={set(key)}
        max={todayIso()}
        error={errors[key]}
      />
    );

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label="Modifier les coordonnées">
      <VersionedFormAlerts
        title="Les coordonnées n’ont pas été enregistrées"
        form={form}
        save={save}
        refetch={refetch}
      />
      <SelectField
        label="Ces informations sont"
        value={values.source}
        onChange={set('source')}
        options={sourceOptions}
        error={errors.source}
      />
      <Fieldset legend="Téléphone et SMS">
        <div className="form-grid">
          <TextField
            label="Téléphone"
            type="tel"
            autoComplete="off"
            hint="10 chiffres, par exemple 06 12 34 56 78"
            value={values.phone}
            onChange={set('phone')}
            optional
            error={errors.phone}
          />
          <SelectField
            label="Accord pour recevoir des SMS"
            value={values.smsConsent}
            onChange={set('smsConsent')}
            options={consentOptions}
            error={errors.smsConsent}
          />
          {consentDate(values.smsConsent, 'smsConsentOn', 'Date de la réponse (SMS)')}
        </div>
      </Fieldset>
      <Fieldset legend="Adresse e-mail">
        <div className="form-grid">
          <TextField
            label="Adresse e-mail"
            type="email"
            autoComplete="off"
            value={values.email}
            onChange={set('email')}
            optional
            error={errors.email}
          />
          <SelectField
            label="Accord pour recevoir des e-mails"
            value={values.emailConsent}
            onChange={set('emailConsent')}
            options={consentOptions}
            error={errors.emailConsent}
          />
          {consentDate(values.emailConsent, 'emailConsentOn', 'Date de la réponse (e-mail)')}
        </div>
      </Fieldset>
      <Fieldset legend="Adresse postale">
        <div className="form-grid">
          <TextField
            label="Numéro"
            value={values.streetNumber}
            onChange={set('streetNumber')}
            optional
            maxLength={10}
            error={errors['address.streetNumber']}
          />
          <TextField
            label="Voie"
            hint="Par exemple : rue des Lilas"
            value={values.street}
            onChange={set('street')}
            optional
            maxLength={120}
            error={errors['address.street']}
          />
          <TextField
            label="Complément d’adresse"
            hint="Bâtiment, escalier, chez…"
            value={values.complement}
            onChange={set('complement')}
            optional
            maxLength={120}
            error={errors['address.complement']}
          />
          <TextField
            label="Lieu-dit"
            value={values.locality}
            onChange={set('locality')}
            optional
            maxLength={80}
            error={errors['address.locality']}
          />
          <SelectField
            label="Commune"
            hint="Liste officielle des communes du département, par code postal. Une commune d’un autre pôle y transfère le dossier."
            value={commune}
            onChange={set('commune')}
            placeholder={communes.isPending ? 'Chargement des communes…' : 'Choisir une commune'}
            options={communeOptions}
            optional
            error={errors['address.communeCode'] ?? errors['address.postalCode']}
          />
        </div>
      </Fieldset>
      <FormActions submitLabel="Enregistrer les coordonnées" pending={save.isPending} onCancel={onClose} />
    </form>
  );
}
