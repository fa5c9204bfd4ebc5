import { ButtonLink, PageHeader } from '../../ui';
import { useCan } from '../auth/session';
import { CatalogueSearch } from './CatalogueSearch';

/** The catalogue of insertion actions: search by need, territory, public and free text, with free places. */
export function CataloguePage() {
  const canManage = useCan('offer.manage');
  return (
    <>
      <PageHeader
        title="Catalogue des actions d’insertion"
        description="Les actions du programme départemental d’insertion, leurs sessions et leurs places libres."
        actions={
          canManage ? (
            <ButtonLink to="/catalogue/actions/nouvelle" variant="primary">
              Créer une action
            </ButtonLink>
          ) : null
        }
      />
      <CatalogueSearch extended headingLevel={2} label="Rechercher dans le catalogue" />
    </>
  );
}
