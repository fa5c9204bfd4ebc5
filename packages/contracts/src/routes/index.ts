import { type RouteDef, routeList } from '../route';
import { accessApi } from './access';
import { accompanimentApi } from './accompaniment';
import { agendaApi } from './agenda';
import { contractsApi } from './contracts';
import { documentsApi } from './documents';
import { historyApi } from './history';
import { messagingApi } from './messaging';
import { orientationApi } from './orientation';
import { personsApi } from './persons';
import { portfolioApi } from './portfolio';
import { spaceApi } from './space';
import { territoryApi } from './territory';
import { worklistApi } from './worklist';

/** Every route of the API, by context: `api.agenda.listSlots`… */
export const api = {
  access: accessApi,
  accompaniment: accompanimentApi,
  agenda: agendaApi,
  contracts: contractsApi,
  documents: documentsApi,
  history: historyApi,
  messaging: messagingApi,
  orientation: orientationApi,
  persons: personsApi,
  portfolio: portfolioApi,
  space: spaceApi,
  territory: territoryApi,
  worklist: worklistApi,
};

export const allRoutes: RouteDef[] = routeList(api as unknown as Record<string, Record<string, RouteDef>>);
