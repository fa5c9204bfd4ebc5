import { type ReactNode, useEffect, useId, useState } from 'react';
import { Button, TextField } from '../../ui';

export interface PickerChoice {
  id: string;
  /** What the chosen item is called once picked (« Josiane FLEURY, née le 12/04/1988 »). */
  label: string;
}

const typingDelayMs = 350;
const minLength = 2;

/**
 * Choose one item by typing part of its name, then picking it in the list of matches (a list of
 * buttons, keyboard reachable). Once chosen, the choice is shown with a button to change it.
 */
export function SearchPicker<T>({
  label,
  hint,
  name,
  chosen,
  onChoose,
  search,
  results,
  pending,
  failed,
  choiceOf,
  detailOf,
  emptyText,
  error,
}: {
  label: string;
  hint: ReactNode;
  name: string;
  chosen: PickerChoice | null;
  onChoose: (choice: PickerChoice | null) => void;
  /** The debounced text to search (the parent runs the query). */
  search: (text: string) => void;
  results: T[] | undefined;
  pending: boolean;
  failed: boolean;
  choiceOf: (item: T) => PickerChoice;
  detailOf?: (item: T) => ReactNode;
  emptyText: string;
  error?: string | undefined;
}) {
  const [text, setText] = useState('');
  const [searched, setSearched] = useState('');
  const statusId = useId();

  useEffect(() => {
    const value = text.trim();
    const timer = window.setTimeout(() => {
      setSearched(value);
      search(value.length >= minLength ? value : '');
    }, typingDelayMs);
    return () => window.clearTimeout(timer);
  }, [text, search]);

  if (chosen) {
    return (
      <div className="field picker">
        <p className="field__label" id={`${statusId}-choix`}>
          {label}
        </p>
        <p className="picker__chosen">
          <strong>{chosen.label}</strong>{' '}
          <Button
            variant="tertiary"
            aria-describedby={`${statusId}-choix`}
            onClick={() => {
              setText('');
              setSearched('');
              onChoose(null);
            }}
          >
            Changer
          </Button>
        </p>
      </div>
    );
  }

  const active = searched.length >= minLength;
  const status = !active
    ? ''
    : pending
      ? 'Recherche en cours…'
      : failed
        ? 'La recherche n’a pas abouti.'
        : results && results.length === 0
          ? emptyText
          : results
            ? `${results.length === 1 ? '1 résultat' : `${results.length} résultats`} : choisissez dans la liste.`
            : '';

  return (
    <div className="picker">
      <TextField
        label={label}
        name={name}
        type="search"
        optional
        autoComplete="off"
        spellCheck={false}
        maxLength={120}
        hint={hint}
        value={text}
        onChange={setText}
        error={error}
        onKeyDown={(event) => {
          // Enter chooses the only match; it never applies the filters with a name not chosen.
          if (event.key !== 'Enter') return;
          event.preventDefault();
          if (results?.length === 1 && results[0] !== undefined && !pending) onChoose(choiceOf(results[0]));
        }}
      />
      <p className="muted picker__status" role="status">
        {status}
      </p>
      {active && !pending && results && results.length > 0 ? (
        <ul className="picker__list" aria-label={`Résultats : ${label}`}>
          {results.map((item) => {
            const choice = choiceOf(item);
            return (
              <li key={choice.id}>
                <Button variant="secondary" size="sm" onClick={() => onChoose(choice)}>
                  Choisir {choice.label}
                </Button>
                {detailOf ? <span className="muted"> {detailOf(item)}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
