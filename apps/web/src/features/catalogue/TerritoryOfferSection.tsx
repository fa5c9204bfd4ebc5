import { Loading, Section } from '../../ui';
import { useCatalogueFilters } from './api';
import { CatalogueSearch } from './CatalogueSearch';

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

/**
 * « Offre d'insertion du territoire » on the orientation screen: the catalogue searched on the
 * person's commune (its pôle and the whole département), with free places, where the pathway is
 * chosen. Read-only: each action opens its page.
 */
export function TerritoryOfferSection({ communeName }: { communeName: string | null }) {
  const filters = useCatalogueFilters();
  if (filters.isPending)
    return (
      <Section id="offre-territoire" title="Offre d'insertion du territoire">
        <Loading label="Chargement du catalogue…" />
      </Section>
    );
  const commune = communeName
    ? filters.data?.communes.find((c) => fold(c.name) === fold(communeName))
    : undefined;
  return (
    <Section id="offre-territoire" title="Offre d'insertion du territoire">
      <p>
        Les actions du programme départemental d’insertion ouvertes sur
        {commune ? ` la commune de la personne (${commune.name})` : ' le département'}, avec leurs places
        libres.
      </p>
      <CatalogueSearch
        headingLevel={3}
        label="Rechercher dans l’offre d’insertion du territoire"
        initial={{ communeCode: commune?.code ?? '' }}
      />
    </Section>
  );
}
