import { type AgendaSlotDetail, agree, api, type PersonSummary } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api';
import { call } from '../../lib/client';
import { formatDate } from '../../lib/format';
import { Alert, Button, TextField } from '../../ui';
import { personName } from '../persons/labels';
import { bookAppointment, refreshAgenda } from './api';
import { slotTitle } from './labels';

/** Search a person in scope and book them on the slot. */
export function BookPerson({
  slot,
  onMessage,
}: {
  slot: AgendaSlotDetail;
  onMessage: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const searchRef = useRef<HTMLDivElement>(null);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | undefined>();
  const results = useMutation({
    mutationFn: (query: string) =>
      call(api.persons.search, { query: { q: query, limit: 10 } }).then((r) => r.items),
  });
  const book = useMutation({
    mutationFn: (person: PersonSummary) => bookAppointment({ personId: person.id, slotId: slot.id }),
    onSuccess: async (_a, person) => {
      onMessage(`${personName(person)} est ${agree(person.sex, 'inscrit')} : ${slotTitle(slot)}.`);
      setText('');
      setQ('');
      results.reset();
      // The chosen row is gone: back to the search, ready for the next person.
      searchRef.current?.querySelector('input')?.focus();
      await refreshAgenda(queryClient);
    },
    onError: (e) => {
      if (isApiError(e) && e.status === 409) void refreshAgenda(queryClient);
    },
  });

  function search(event: FormEvent) {
    event.preventDefault();
    const value = text.trim();
    if (value.length < 2) {
      setError('Saisissez au moins 2 caractères.');
      return;
    }
    setError(undefined);
    setQ(value);
    book.reset();
    results.mutate(value);
  }

  return (
    <div className="book-person">
      <h3>Inscrire une personne</h3>
      <form onSubmit={search} noValidate className="inline-form">
        <div ref={searchRef}>
          <TextField
            label="Nom, prénom ou n° de dossier"
            value={text}
            onChange={setText}
            error={error}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <Button type="submit" variant="secondary" pending={results.isPending}>
          Rechercher
        </Button>
      </form>
      {book.isError ? (
        <Alert tone="error" title="L’inscription n’a pas abouti">
          <p>{errorMessage(book.error)}</p>
        </Alert>
      ) : null}
      {results.isError ? (
        <Alert tone="error" title="La recherche n’a pas abouti">
          <p>{errorMessage(results.error)}</p>
        </Alert>
      ) : null}
      {results.data ? (
        results.data.length === 0 ? (
          <p className="muted">Aucune personne de votre périmètre ne correspond à « {q} ».</p>
        ) : (
          <ul className="plain-list compact-list" aria-label={`Résultats pour « ${q} »`}>
            {results.data.map((p) => (
              <li key={p.id} className="row-actions">
                <span>
                  <strong>{personName(p)}</strong>{' '}
                  <span className="muted">
                    né{p.sex === 'F' ? 'e' : ''} le {formatDate(p.birthDate)}
                    {p.claimNumber ? ` · dossier ${p.claimNumber}` : ''}
                    {p.communeName ? ` · ${p.communeName}` : ''}
                  </span>
                </span>
                <Button
                  size="sm"
                  aria-label={`Inscrire ${personName(p)}`}
                  pending={book.isPending && book.variables?.id === p.id}
                  onClick={() => book.mutate(p)}
                >
                  Inscrire
                </Button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
