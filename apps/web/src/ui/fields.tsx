import {
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

export interface TextFieldProps
  extends FieldChrome,
    Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'className'> {
  value: string;
  onChange: (value: string) => void;
}

export function TextField({
  label,
  hint,
  error,
  optional,
  hideLabel,
  className,
  value,
  onChange,
  id: givenId,
  type = 'text',
  required,
  ...rest
}: TextFieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <div className={['field', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <Label htmlFor={id} label={label} optional={optional} hideLabel={hideLabel} />
      <Messages id={id} hint={hint} error={error} />
      <input
        {...rest}
        id={id}
        type={type}
        className="input"
        value={value}
        required={required ?? !optional}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy([hint ? `${id}-aide` : false, error ? `${id}-erreur` : false])}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
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

export function SelectField({
  label,
  hint,
  error,
  optional,
  hideLabel,
  className,
  value,
  onChange,
  options = [],
  groups = [],
  placeholder,
  id: givenId,
  required,
  ...rest
}: SelectFieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <div className={['field', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <Label htmlFor={id} label={label} optional={optional} hideLabel={hideLabel} />
      <Messages id={id} hint={hint} error={error} />
      <select
        {...rest}
        id={id}
        className="select"
        value={value}
        required={required ?? !optional}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy([hint ? `${id}-aide` : false, error ? `${id}-erreur` : false])}
        onChange={(event) => onChange(event.target.value)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {groups.map((group) =>
          group.options.length > 0 ? (
            <optgroup key={group.label} label={group.label}>
              {group.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ) : null,
        )}
      </select>
    </div>
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

export function Checkbox({
  label,
  hint,
  error,
  checked,
  onChange,
  id: givenId,
  className,
  ...rest
}: CheckboxProps) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <div className={['checkbox', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <input
        {...rest}
        id={id}
        type="checkbox"
        checked={checked}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy([hint ? `${id}-aide` : false, error ? `${id}-erreur` : false])}
        onChange={(event) => onChange(event.target.checked)}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        <Messages id={id} hint={hint} error={error} />
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
export function FileField({
  label,
  hint,
  error,
  optional,
  hideLabel,
  className,
  onChange,
  id: givenId,
  required,
  ...rest
}: FileFieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <div className={['field', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <Label htmlFor={id} label={label} optional={optional} hideLabel={hideLabel} />
      <Messages id={id} hint={hint} error={error} />
      <input
        {...rest}
        id={id}
        type="file"
        className="input input--file"
        required={required ?? !optional}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy([hint ? `${id}-aide` : false, error ? `${id}-erreur` : false])}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
      />
    </div>
  );
}

export interface TextAreaFieldProps
  extends FieldChrome,
    Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'className'> {
  value: string;
  onChange: (value: string) => void;
}

export function TextAreaField({
  label,
  hint,
  error,
  optional,
  hideLabel,
  className,
  value,
  onChange,
  id: givenId,
  required,
  rows = 3,
  ...rest
}: TextAreaFieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <div className={['field', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <Label htmlFor={id} label={label} optional={optional} hideLabel={hideLabel} />
      <Messages id={id} hint={hint} error={error} />
      <textarea
        {...rest}
        id={id}
        rows={rows}
        className="input textarea"
        value={value}
        required={required ?? !optional}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy([hint ? `${id}-aide` : false, error ? `${id}-erreur` : false])}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
