/**
 * Where the agent came from, carried in the router state of the links into a person's pages
 * (`<Link to=… state={{ from }}>`): the back link returns there with its filters (the address
 * with its query string), and the main menu keeps the section of that page highlighted.
 */
export interface OriginState {
  from?: string;
}

/** The page the agent came from, when the state carries one inside the application. */
export function originOf(state: unknown): string | null {
  const from = (state as OriginState | null)?.from;
  // Only paths of this application: never "//host" nor a full address.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : null;
}

/** The state to give a link so that the next page knows where the agent comes from. */
export function originState(location: { pathname: string; search: string }): OriginState {
  return { from: location.pathname + location.search };
}

const pathOf = (from: string) => from.split(/[?#]/)[0] ?? from;

/** The back link of a person's page: to the page the agent came from, or to the search. */
export function backLinkTo(from: string | null): { to: string; label: string } {
  if (!from) return { to: '/personnes', label: 'Rechercher une personne' };
  const path = pathOf(from);
  if (path === '/orientation') return { to: from, label: 'Retour à la file d’orientation' };
  if (path === '/personnes') return { to: from, label: 'Retour aux résultats de la recherche' };
  if (path === '/agenda' || path.startsWith('/agenda/')) return { to: from, label: 'Retour à l’agenda' };
  if (path === '/') return { to: from, label: 'Retour à l’accueil' };
  if (path === '/doublons') return { to: from, label: 'Retour aux doublons' };
  if (path.startsWith('/equipe-medicale')) return { to: from, label: 'Retour à l’équipe médicale' };
  if (path === '/flux') return { to: from, label: 'Retour au rapport d’import' };
  if (path === '/france-travail') return { to: from, label: 'Retour aux inscriptions France Travail' };
  if (path === '/administration/journal') return { to: from, label: 'Retour au journal des accès' };
  return { to: from, label: 'Retour à la page précédente' };
}

interface SectionLink {
  to: string;
  end?: boolean;
}

function matches(section: SectionLink, path: string): boolean {
  if (section.end || section.to === '/') return path === section.to;
  return path === section.to || path.startsWith(`${section.to}/`);
}

/**
 * The section of the main menu to highlight: the one of the page the agent came from when there
 * is one (a file opened from the queue belongs to « Orientation »), else the one of the address.
 */
export function currentSection<S extends SectionLink>(
  sections: readonly S[],
  pathname: string,
  from: string | null,
): S | null {
  const best = (path: string) =>
    sections.filter((s) => matches(s, path)).sort((a, b) => b.to.length - a.to.length)[0] ?? null;
  // A person's pages (file, orientation) are reached from many sections: they follow the origin.
  const fromSection = from && pathname.startsWith('/personnes/') ? best(pathOf(from)) : null;
  return fromSection ?? best(pathname);
}
