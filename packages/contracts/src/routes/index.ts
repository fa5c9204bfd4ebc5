import { type RouteDef, routeList } from '../route';
import { accessApi } from './access';
import { accompanimentApi } from './accompaniment';
import { agendaApi } from './agenda';
import { aidsApi } from './aids';
import { catalogueApi } from './catalogue';
import { contractsApi } from './contracts';
import { documentsApi } from './documents';
import { historyApi } from './history';
import { immersionsApi } from './immersions';
import { messagingApi } from './messaging';
import { offerBudgetApi } from './offer-budget';
import { openDataApi } from './open-data';
import { orientationApi } from './orientation';
import { personsApi } from './persons';
import { portfolioApi } from './portfolio';
import { referralsApi } from './referrals';
import { spaceApi } from './space';
import { territoryApi } from './territory';
import { worklistApi } from './worklist';

/** Every route of the API, by context: `api.agenda.listSlots`… */
export const api = {
  access: accessApi,
  accompaniment: accompanimentApi,
  agenda: agendaApi,
  aids: aidsApi,
  catalogue: catalogueApi,
  contracts: contractsApi,
  documents: documentsApi,
  history: historyApi,
  immersions: immersionsApi,
  messaging: messagingApi,
  offerBudget: offerBudgetApi,
  openData: openDataApi,
  orientation: orientationApi,
  persons: personsApi,
  portfolio: portfolioApi,
  referrals: referralsApi,
  space: spaceApi,
  territory: territoryApi,
  worklist: worklistApi,
};

export const allRoutes: RouteDef[] = routeList(api as unknown as Record<string, Record<string, RouteDef>>);
