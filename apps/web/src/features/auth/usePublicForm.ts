import { useRef, useState } from 'react';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../lib/forms';

/**
 * Submission state of a sign-in form. These forms are checked by the server only (its messages,
 * shown under the fields): the light sign-in bundle carries no schema.
 */
export function usePublicForm(fieldNames: readonly string[]) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function fail(next: FormErrorState) {
    setErrors(next);
    focusFirstInvalid(formRef.current);
  }

  async function submit<T>(action: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    if (pending) return { ok: false };
    setPending(true);
    setErrors(noErrors);
    setError(null);
    try {
      return { ok: true, value: await action() };
    } catch (caught) {
      setError(caught);
      fail(errorsFromApi(caught, fieldNames));
      return { ok: false };
    } finally {
      setPending(false);
    }
  }

  return { formRef, errors, pending, error, submit, fail };
}
