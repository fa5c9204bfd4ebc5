import { TextField } from './fields';

/**
 * « Du » and « Au » of a steering period (both days included), with the errors of the API's own
 * period rules shown under each field. Shared by the indicators, the dashboards and any later period.
 */
export function PeriodFields({
  from,
  to,
  onFrom,
  onTo,
  errors,
}: {
  from: string;
  to: string;
  onFrom: (value: string) => void;
  onTo: (value: string) => void;
  errors: Partial<Record<string, string>>;
}) {
  return (
    <>
      <TextField
        label="Du"
        name="from"
        type="date"
        hint="Premier jour de la période."
        value={from}
        onChange={onFrom}
        error={errors.from}
      />
      <TextField
        label="Au"
        name="to"
        type="date"
        hint="Dernier jour de la période, inclus."
        value={to}
        onChange={onTo}
        error={errors.to}
      />
    </>
  );
}

/**
 * The pôles as options by their code; a code asked by the address but unknown to the list stays
 * shown, so that its refusal reads clearly under the field.
 */
export function hubCodeOptions(hubs: readonly { code: string; name: string }[], chosen: string) {
  const options = hubs.map((h) => ({ value: h.code, label: h.name }));
  if (chosen && !options.some((o) => o.value === chosen)) options.push({ value: chosen, label: chosen });
  return options;
}
