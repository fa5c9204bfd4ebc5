import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';

type Values<K extends string> = Partial<Record<K, string>>;

/**
 * A list's filters kept in the address bar: `filters` read from it (`keys`), the form's `draft` of
 * the `drafted` ones, `apply` (the given keys replaced, the others kept) and `reset` (undefined when
 * nothing is filtered).
 */
export function useUrlFilters<K extends string, D extends K>(keys: readonly K[], drafted: readonly D[]) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f: Values<K> = {};
    for (const k of keys) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [keys, params]);
  const draftOf = (from: Values<K>) =>
    Object.fromEntries(drafted.map((k) => [k, from[k] ?? ''])) as Record<D, string>;
  const [draft, setDraft] = useState(() => draftOf(filters));
  const apply = (next: Values<K>) => {
    const merged = new URLSearchParams();
    for (const k of keys) {
      const v = k in next ? next[k] : params.get(k);
      if (v) merged.set(k, v);
    }
    setParams(merged);
  };
  const reset =
    params.size > 0
      ? () => {
          setDraft(draftOf({}));
          setParams(new URLSearchParams());
        }
      : undefined;
  return { filters, draft, setDraft, apply, reset };
}
