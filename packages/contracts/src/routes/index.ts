import { type RouteDef, routeList } from '../route';
import { accessApi } from './access';
import { accompanimentApi } from './accompaniment';
import { agendaApi } from './agenda';
import { aidsApi } from './aids';
import { cafTransmissionApi } from './caf-transmission';
import { catalogueApi } from './catalogue';
import { contractsApi } from './contracts';
import { conventionApi } from './convention';
import { dashboardsApi } from './dashboards';
import { documentsApi } from './documents';
import { epSessionsApi } from './ep-sessions';
import { historyApi } from './history';
import { immersionsApi } from './immersions';
import { indicatorsApi } from './indicators';
import { messagingApi } from './messaging';
import { offerBudgetApi } from './offer-budget';
import { openDataApi } from './open-data';
import { orientationApi } from './orientation';
import { personsApi } from './persons';
import { portfolioApi } from './portfolio';
import { referralsApi } from './referrals';
import { sanctionCasesApi, sanctionsApi } from './sanctions';
import { sasApi } from './sas';
import { spaceApi } from './space';
import { statisticsApi } from './statistics';
import { territoryApi } from './territory';
import { worklistApi } from './worklist';

/** Every route of the API, by context: `api.agenda.listSlots`… */
export const api = {
  access: accessApi,
  accompaniment: accompanimentApi,
  agenda: agendaApi,
  aids: aidsApi,
  cafTransmission: cafTransmissionApi,
  catalogue: catalogueApi,
  contracts: contractsApi,
  convention: conventionApi,
  dashboards: dashboardsApi,
  documents: documentsApi,
  epSessions: epSessionsApi,
  history: historyApi,
  immersions: immersionsApi,
  indicators: indicatorsApi,
  messaging: messagingApi,
  offerBudget: offerBudgetApi,
  openData: openDataApi,
  orientation: orientationApi,
  persons: personsApi,
  portfolio: portfolioApi,
  referrals: referralsApi,
  sanctions: sanctionsApi,
  sanctionCases: sanctionCasesApi,
  sas: sasApi,
  space: spaceApi,
  statistics: statisticsApi,
  territory: territoryApi,
  worklist: worklistApi,
};

export const allRoutes: RouteDef[] = routeList(api as unknown as Record<string, Record<string, RouteDef>>);
