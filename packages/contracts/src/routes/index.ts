import { type RouteDef, routeList } from '../route';
import { accessApi } from './access';
import { agendaApi } from './agenda';
import { historyApi } from './history';
import { messagingApi } from './messaging';
import { orientationApi } from './orientation';
import { personsApi } from './persons';
import { territoryApi } from './territory';
import { worklistApi } from './worklist';

/** Every route of the API, by context: `api.agenda.listSlots`… */
export const api = {
  access: accessApi,
  agenda: agendaApi,
  history: historyApi,
  messaging: messagingApi,
  orientation: orientationApi,
  persons: personsApi,
  territory: territoryApi,
  worklist: worklistApi,
};

export const allRoutes: RouteDef[] = routeList(api as unknown as Record<string, Record<string, RouteDef>>);
