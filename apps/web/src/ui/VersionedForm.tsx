import { useRef, useState } from 'react';
import {
  errorsFromApi,
  type FormErrorState,
  focusFirstInvalid,
  isVersionConflict,
  noErrors,
  type Validation,
} from '../lib/forms';
import { FormAlert } from './Alert';
import { ConflictAlert } from './ConflictAlert';

/**
 * Error and conflict state of a form that saves a versioned record: field messages (local or from the
 * API) with focus on the first invalid field, and the 409 "reload the data, keep my input" flow.
 */
export function useVersionedForm(knownFields: readonly string[]) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [reloading, setReloading] = useState(false);
  const [reloaded, setReloaded] = useState(false);

  function fail(next: FormErrorState) {
    setErrors(next);
    focusFirstInvalid(formRef.current);
  }

  return {
    formRef,
    errors,
    reloading,
    reloaded,
    /** Sends valid input, or shows the validation errors. */
    send<T>(validation: Validation<T>, mutate: (data: T) => void) {
      if (!validation.ok) {
        fail(validation.errors);
        return;
      }
      setErrors(noErrors);
      mutate(validation.data);
    },
    /** A save failed: a conflict shows the reload alert, anything else the messages. */
    onSaveError(error: unknown) {
      setReloaded(false);
      if (!isVersionConflict(error)) fail(errorsFromApi(error, knownFields));
    },
    /** Fetches the latest version, then forgets the failed save (the user's input stays). */
    async reload(refetch: () => Promise<unknown>, resetSave: () => void) {
      setReloading(true);
      await refetch();
      setReloading(false);
      setReloaded(true);
      resetSave();
    },
  };
}

export type VersionedForm = ReturnType<typeof useVersionedForm>;

/**
 * The alerts on top of a versioned form: conflict (or data reloaded), then the form's errors under
 * `title` (what failed, e.g. "La structure n’a pas été enregistrée").
 * `save` is the saving mutation, `refetch` reloads the record's queries.
 */
export function VersionedFormAlerts({
  title,
  form,
  save,
  refetch,
}: {
  title: string;
  form: VersionedForm;
  save: { error: unknown; reset: () => void };
  refetch: () => Promise<unknown>;
}) {
  return (
    <>
      {isVersionConflict(save.error) || form.reloaded ? (
        <ConflictAlert
          onReload={() => void form.reload(refetch, () => save.reset())}
          reloading={form.reloading}
          reloaded={form.reloaded}
        />
      ) : null}
      <FormAlert
        title={title}
        message={form.errors.message}
        fieldCount={Object.keys(form.errors.fields).length}
      />
    </>
  );
}
