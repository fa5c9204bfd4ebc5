import {
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';

interface FieldChrome {
  label: ReactNode;
  /** Help text shown under the label, linked with aria-describedby. */
  hint?: ReactNode;
  /** Error message shown under the label, linked with aria-describedby, field marked aria-invalid. */
  error?: string | undefined;
  /** Adds "(facultatif)" after the label. Fields are required unless told otherwise. */
  optional?: boolean;
  /** Label only for assistive technologies (e.g. a select in a table row). */
  hideLabel?: boolean;
  className?: string;
}

function describedBy(ids: (string | false | undefined)[]): string | undefined {
  const value = ids.filter(Boolean).join(' ');
  return value || undefined;
}

function chromeClass(base: string, error: string | undefined, className: string | undefined): string {
  return [base, error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ');
}

/** The control's id and the ARIA attributes linking it to its hint and error. */
function useControlIds(givenId: string | undefined, hint: ReactNode, error: string | undefined) {
  const generated = useId();
  const id = givenId ?? generated;
  return {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy([hint ? `${id}-aide` : false, error ? `${id}-erreur` : false]),
  } as const;
}

function Label({
  htmlFor,
  label,
  optional,
  hideLabel,
}: {
  htmlFor: string;
  label: ReactNode;
  optional?: boolean | undefined;
  hideLabel?: boolean | undefined;
}) {
  return (
    <label htmlFor={htmlFor} className={hideLabel ? 'sr-only' : 'field__label'}>
      {label}
      {optional ? <span className="field__optional"> (facultatif)</span> : null}
    </label>
  );
}

function Messages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-aide`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-erreur`} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

/**
 * Splits a labelled field's props into its chrome (label, hint, error) and the props of its control
 * (the caller's other attributes, id, required unless optional, ARIA links).
 */
function useField<Rest extends object>({
  label,
  hint,
  error,
  optional,
  hideLabel,
  className,
  id: givenId,
  required,
  ...rest
}: FieldChrome & { id?: string | undefined; required?: boolean | undefined } & Rest) {
  const ids = useControlIds(givenId, hint, error);
  const chrome = { id: ids.id, label, hint, error, optional, hideLabel, className };
  return { chrome, control: { ...rest, ...ids, required: required ?? !optional } };
}

/** Forwards a text control's new value (input, textarea, select). */
function toValue(onChange: (value: string) => void) {
  return (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    onChange(event.target.value);
}

/** The frame every labelled field shares: label, then hint and error, then the control. */
function Field({ chrome, children }: { chrome: FieldChrome & { id: string }; children: ReactNode }) {
  const { id, hint, error } = chrome;
  return (
    <div className={chromeClass('field', error, chrome.className)}>
      <Label htmlFor={id} label={chrome.label} optional={chrome.optional} hideLabel={chrome.hideLabel} />
      <Messages id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

export interface TextFieldProps
  extends FieldChrome,
    Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'className'> {
  value: string;
  onChange: (value: string) => void;
}

export function TextField({ value, onChange, type = 'text', ...props }: TextFieldProps) {
  const { chrome, control } = useField(props);
  return (
    <Field chrome={chrome}>
      <input {...control} type={type} className="input" value={value} onChange={toValue(onChange)} />
    </Field>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectOptionGroup {
  label: string;
  options: SelectOption[];
}

export interface SelectFieldProps
  extends FieldChrome,
    Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'className'> {
  value: string;
  onChange: (value: string) => void;
  options?: SelectOption[];
  groups?: SelectOptionGroup[];
  /** First option with an empty value (e.g. "Choisir un pôle", "Tous les rôles"). */
  placeholder?: string;
}

function optionList(options: SelectOption[]) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}

export function SelectField({
  value,
  onChange,
  options = [],
  groups = [],
  placeholder,
  ...props
}: SelectFieldProps) {
  const { chrome, control } = useField(props);
  return (
    <Field chrome={chrome}>
      <select {...control} className="select" value={value} onChange={toValue(onChange)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {optionList(options)}
        {groups.map((group) =>
          group.options.length > 0 ? (
            <optgroup key={group.label} label={group.label}>
              {optionList(group.options)}
            </optgroup>
          ) : null,
        )}
      </select>
    </Field>
  );
}

export interface CheckboxProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'checked' | 'onChange' | 'type' | 'className'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
}

export function Checkbox({ label, hint, error, checked, onChange, id, className, ...rest }: CheckboxProps) {
  const ids = useControlIds(id, hint, error);
  return (
    <div className={chromeClass('checkbox', error, className)}>
      <input
        {...rest}
        {...ids}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <div>
        <label htmlFor={ids.id}>{label}</label>
        <Messages id={ids.id} hint={hint} error={error} />
      </div>
    </div>
  );
}

/** Groups related fields under a legend. */
export function Fieldset({
  legend,
  children,
  className,
}: {
  legend: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <fieldset className={['fieldset', className ?? ''].filter(Boolean).join(' ')}>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

export interface FileFieldProps
  extends FieldChrome,
    Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'className' | 'type'> {
  /** The chosen file, null when the choice is cleared. */
  onChange: (file: File | null) => void;
}

/** A file input with its label, help and error (reset it by changing its React key). */
export function FileField({ onChange, ...props }: FileFieldProps) {
  const { chrome, control } = useField(props);
  return (
    <Field chrome={chrome}>
      <input
        {...control}
        type="file"
        className="input input--file"
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
      />
    </Field>
  );
}

export interface TextAreaFieldProps
  extends FieldChrome,
    Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'className'> {
  value: string;
  onChange: (value: string) => void;
}

export function TextAreaField({ value, onChange, rows = 3, ...props }: TextAreaFieldProps) {
  const { chrome, control } = useField(props);
  return (
    <Field chrome={chrome}>
      <textarea
        {...control}
        rows={rows}
        className="input textarea"
        value={value}
        onChange={toValue(onChange)}
      />
    </Field>
  );
}
