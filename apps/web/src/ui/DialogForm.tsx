import { type ReactNode, useRef, useState } from 'react';
import {
  errorsFromApi,
  type FieldErrors,
  type FormErrorState,
  focusFirstInvalid,
  noErrors,
} from '../lib/forms';
import { FormAlert } from './Alert';
import { Dialog } from './Dialog';

/** What the form needs of a TanStack mutation taking no variables. */
interface SubmitMutation {
  mutate: (variables: undefined, options: { onError: (error: unknown) => void }) => void;
}

/**
 * A dialog whose form sends one mutation: a local check may refuse first; the server's refusal goes
 * under the fields it names (the rest in the alert above) and the first invalid field gets the focus.
 */
export function DialogForm({
  title,
  failedTitle,
  onClose,
  knownFields,
  mutation,
  check,
  role,
  children,
}: {
  title: string;
  /** Title of the alert when the step was refused (« … n’a pas été … »). */
  failedTitle: string;
  onClose: () => void;
  /** Field names whose server messages go under their field. */
  knownFields: readonly string[];
  mutation: SubmitMutation;
  /** Errors found before sending (a required field left empty), or null. */
  check?: () => FieldErrors | null;
  role?: 'dialog' | 'alertdialog';
  children: (errors: FormErrorState) => ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  return (
    <Dialog open title={title} onClose={onClose} role={role}>
      <form
        ref={form}
        noValidate
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          const local = check?.() ?? null;
          if (local) {
            setErrors({ message: null, fields: local });
            focusFirstInvalid(form.current);
            return;
          }
          setErrors(noErrors);
          mutation.mutate(undefined, {
            onError: (error) => {
              setErrors(errorsFromApi(error, knownFields));
              focusFirstInvalid(form.current);
            },
          });
        }}
      >
        <FormAlert
          title={failedTitle}
          message={errors.message}
          fieldCount={Object.keys(errors.fields).length}
        />
        {children(errors)}
      </form>
    </Dialog>
  );
}
