import type { PersonSummary } from '@parcours/contracts';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { formatDate, formatNir, plural } from '../../lib/format';
import {
  Button,
  type Column,
  EmptyState,
  ErrorState,
  FilterForm,
  Loading,
  PageHeader,
  Table,
  TextField,
  VisuallyHidden,
} from '../../ui';
import { useCan } from '../auth/session';
import { searchLimit, usePersonSearch } from './api';
import { bornWord } from './labels';
import { RightsBadges } from './RightsBadges';

const minLength = 2;
const typingMinLength = 3;
const typingDelayMs = 450;

export function PersonSearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();

  function apply(text: string, replace: boolean) {
    const next = new URLSearchParams(params);
    if (text) next.set('q', text);
    else next.delete('q');
    setParams(next, { replace });
  }

  return (
    <>
      <PageHeader
        title="Rechercher une personne"
        description={
          <p>
            Retrouvez le dossier d’un bénéficiaire du RSA ou d’un membre de son foyer. Seules les personnes de
            votre périmètre sont proposées ; chaque ouverture de dossier est enregistrée dans le journal des
            accès.
          </p>
        }
      />
      <SearchForm q={q} onSearch={apply} />
      <SearchResults q={q} />
    </>
  );
}

function SearchForm({ q, onSearch }: { q: string; onSearch: (text: string, replace: boolean) => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [text, setText] = useState(q);
  const [error, setError] = useState<string | undefined>(undefined);
  const [shownQ, setShownQ] = useState(q);
  const onSearchRef = useRef(onSearch);
  useEffect(() => {
    onSearchRef.current = onSearch;
  }, [onSearch]);

  // The query changed from outside (back button, link): show it, unless it is what is being typed.
  if (q !== shownQ) {
    setShownQ(q);
    if (q !== text.trim()) setText(q);
  }

  // Search while typing (debounced), from 3 characters.
  useEffect(() => {
    const value = text.trim();
    if (value.length < typingMinLength || value === q) return;
    const timer = window.setTimeout(() => {
      setError(undefined);
      onSearchRef.current(value, true);
    }, typingDelayMs);
    return () => window.clearTimeout(timer);
  }, [text, q]);

  // Only the roles that see NIRs may search by NIR: the others are not invited to.
  const canSeeNir = useCan('person.nir');

  function submit(_event: FormEvent<HTMLFormElement>) {
    const value = text.trim();
    if (value.length < minLength) {
      setError('Saisissez au moins 2 caractères.');
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('input')?.focus());
      return;
    }
    if (value.length > 120) {
      setError('Saisissez au plus 120 caractères.');
      return;
    }
    setError(undefined);
    onSearch(value, false);
  }

  return (
    <FilterForm formRef={formRef} label="Recherche de personnes" onSubmit={submit}>
      <TextField
        label={
          canSeeNir
            ? 'Nom, prénom, NIR, n° de dossier CAF ou date de naissance'
            : 'Nom, prénom, n° de dossier CAF ou date de naissance'
        }
        name="q"
        type="search"
        className="filters__wide"
        autoComplete="off"
        spellCheck={false}
        maxLength={120}
        hint="Les accents, les majuscules et les petites fautes de frappe sont tolérés. Vous pouvez combiner nom et prénom, et saisir la date de naissance au format JJ/MM/AAAA. La recherche se lance dès 3 caractères."
        value={text}
        onChange={(value) => {
          setText(value);
          if (error) setError(undefined);
        }}
        error={error}
      />
      <div className="filters__actions">
        <Button type="submit">Rechercher</Button>
      </div>
    </FilterForm>
  );
}

function SearchResults({ q }: { q: string }) {
  const canSeeNir = useCan('person.nir');
  const location = useLocation();
  const search = usePersonSearch(q);
  const from = location.pathname + location.search;

  const status =
    q.length < minLength
      ? ''
      : search.isFetching
        ? 'Recherche en cours…'
        : search.data
          ? search.data.length === 0
            ? `Aucune personne ne correspond à « ${q} ».`
            : `${plural(search.data.length, 'personne trouvée', 'personnes trouvées')} pour « ${q} ».`
          : '';

  let content: ReactNode = null;
  if (q.length < minLength) {
    content = (
      <EmptyState title="Saisissez votre recherche.">
        <p>
          Par exemple « martin amelie », « 13/06/1985 », un numéro de dossier CAF
          {canSeeNir ? ' ou un NIR' : ''}. Les résultats s’affichent ici.
        </p>
      </EmptyState>
    );
  } else if (search.isPending) {
    content = <Loading label="Recherche en cours…" />;
  } else if (search.isError && !search.data) {
    content = (
      <ErrorState
        title="La recherche n’a pas abouti."
        error={search.error}
        onRetry={() => search.refetch()}
      />
    );
  } else if (search.data && search.data.length === 0) {
    content = (
      <EmptyState title={`Aucune personne ne correspond à « ${q} ».`}>
        <p>
          Vérifiez l’orthographe, essayez avec le seul nom de naissance, ou avec la date de naissance. La
          personne n’est peut-être pas dans votre périmètre.
        </p>
      </EmptyState>
    );
  } else if (search.data) {
    const items = search.data;
    const columns: Column<PersonSummary>[] = [
      {
        key: 'birthName',
        header: 'Nom de naissance',
        rowHeader: true,
        render: (p) => (
          <Link to={`/personnes/${encodeURIComponent(p.id)}`} state={{ from }}>
            {p.birthName}
            <VisuallyHidden>
              {' '}
              {p.firstName}, {bornWord(p.sex)} le {formatDate(p.birthDate)}
            </VisuallyHidden>
          </Link>
        ),
      },
      { key: 'usualName', header: 'Nom d’usage', render: (p) => p.usualName ?? '—' },
      { key: 'firstName', header: 'Prénom', render: (p) => p.firstName },
      {
        key: 'birthDate',
        header: 'Date de naissance',
        render: (p) => <time dateTime={p.birthDate}>{formatDate(p.birthDate)}</time>,
      },
    ];
    if (canSeeNir) {
      columns.push({
        key: 'nir',
        header: 'NIR',
        className: 'cell--nowrap',
        render: (p) => (p.nir ? formatNir(p.nir) : '—'),
      });
    }
    columns.push(
      { key: 'claim', header: 'N° dossier', render: (p) => p.claimNumber ?? '—' },
      { key: 'commune', header: 'Commune', render: (p) => p.communeName ?? '—' },
      { key: 'hub', header: 'Pôle', render: (p) => p.hubName ?? '—' },
      { key: 'rights', header: 'Droits', render: (p) => <RightsBadges person={p} /> },
    );
    content = (
      <>
        <Table
          caption={`Résultats de la recherche « ${q} » (${plural(items.length, 'personne', 'personnes')})`}
          columns={columns}
          rows={items}
          rowKey={(p) => p.id}
          className="table--compact"
        />
        {items.length >= searchLimit ? (
          <p className="muted">
            Seuls les {searchLimit} premiers résultats sont affichés : précisez la recherche (prénom, date de
            naissance…) si la personne n’y figure pas.
          </p>
        ) : null}
        {search.isError ? (
          <ErrorState title="La nouvelle recherche n’a pas abouti." error={search.error} />
        ) : null}
      </>
    );
  }

  return (
    <section className="section" aria-labelledby="resultats" aria-busy={search.isFetching || undefined}>
      <h2 id="resultats">Résultats</h2>
      <p role="status" className="sr-only">
        {status}
      </p>
      {content}
    </section>
  );
}
