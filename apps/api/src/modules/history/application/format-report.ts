import { plural, unknownCode } from '@parcours/contracts';
import type { HistoryKind } from '../domain/lines';
import type { HistoryReport } from '../domain/report';

export const kindLabels: Record<HistoryKind, string> = {
  hub: 'pôles',
  body: 'structures',
  referent: 'référents',
  person: 'personnes',
  rights: 'droits',
  orientation: 'orientations',
  referentAssignment: 'affectations de référent',
  appointment: 'rendez-vous',
  contract: 'contrats',
};

/** One line's kind, for "ligne 12 (personne, champ birthDate)". */
const kindOfLine: Record<HistoryKind, string> = {
  hub: 'pôle',
  body: 'structure',
  referent: 'référent',
  person: 'personne',
  rights: 'droits',
  orientation: 'orientation',
  referentAssignment: 'affectation de référent',
  appointment: 'rendez-vous',
  contract: 'contrat',
};

const lineKind = (kind: string) => (kindOfLine as Record<string, string>)[kind] ?? unknownCode(kind);

const frDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

const conflicts = (r: HistoryReport) => {
  const n = Object.values(r.counts).reduce((sum, c) => sum + (c.conflict ?? 0), 0);
  return n > 0
    ? ` (dont ${plural(n, 'conflit', 'conflits')} d’identité : une autre personne sous le même identifiant)`
    : '';
};

/** The one-sentence outcome shown on the upload screen and first in the terminal. */
export function summaryMessage(r: HistoryReport): string {
  switch (r.status) {
    case 'already_imported':
      return `Fichier déjà importé${r.previousRun ? ` le ${frDate(r.previousRun.startedAt)}` : ''} : rien n’a changé.`;
    case 'rejected':
      return r.rejectedTotal > 0
        ? `Import refusé : ${plural(r.rejectedTotal, 'ligne rejetée', 'lignes rejetées')} sur ${r.lines}${conflicts(r)}. Rien n’a été enregistré.`
        : 'Import interrompu : rien n’a été enregistré.';
    case 'applied': {
      const p = r.counts.person;
      const base = `Historique importé : ${plural(r.lines, 'ligne lue', 'lignes lues')} ; ${plural(p.created, 'personne créée', 'personnes créées')}, ${plural(p.updated, 'mise à jour', 'mises à jour')} ; ${plural(r.derived.entrySpells, 'entrée dans le dispositif', 'entrées dans le dispositif')}.`;
      const n = r.rejectedTotal;
      return n > 0
        ? `${base} ${plural(n, 'ligne rejetée', 'lignes rejetées')}${conflicts(r)} ${n > 1 ? 'n’ont pas été appliquées' : 'n’a pas été appliquée'}.`
        : base;
    }
  }
}

/** The report as the command line prints it (French, one block). */
export function formatReport(r: HistoryReport, maxRejected = 50): string {
  const out = [
    r.message,
    `Fichier : ${r.fileName} (${plural(r.lines, 'ligne', 'lignes')}, empreinte ${r.contentHash.slice(0, 12)}…)`,
  ];
  out.push('', 'Par type de ligne :');
  for (const [kind, label] of Object.entries(kindLabels) as [HistoryKind, string][]) {
    const c = r.counts[kind];
    if (c.read === 0) continue;
    const parts = [plural(c.read, 'lue', 'lues')];
    if (r.status === 'applied') {
      parts.push(plural(c.created, 'ajoutée', 'ajoutées'));
      if (c.updated) parts.push(plural(c.updated, 'rafraîchie', 'rafraîchies'));
      if (c.unchanged) parts.push(plural(c.unchanged, 'inchangée', 'inchangées'));
      if (c.replaced) parts.push(plural(c.replaced, 'ancienne remplacée', 'anciennes remplacées'));
    }
    if (c.conflict) parts.push(`${c.conflict} en conflit d’identité`);
    const rejected = c.rejected - (c.conflict ?? 0);
    if (rejected > 0) parts.push(plural(rejected, 'rejetée', 'rejetées'));
    out.push(`  ${label.padEnd(26)} ${parts.join(', ')}`);
  }
  if (r.status === 'applied') {
    const d = r.derived;
    out.push(
      `  ${'foyers'.padEnd(26)} ${plural(d.householdsCreated, 'créé', 'créés')}, ${plural(d.householdsUpdated, 'modifié', 'modifiés')}`,
      `  ${'périodes de droits'.padEnd(26)} ${d.rightsPeriods}`,
      `  ${'entrées'.padEnd(26)} ${d.entrySpells}`,
      `  ${'événements du parcours'.padEnd(26)} ${d.timelineEvents}`,
    );
  }
  if (r.rejectedTotal > 0) {
    out.push('', `Lignes rejetées (${r.rejectedTotal}) :`);
    for (const l of r.rejected.slice(0, maxRejected))
      out.push(
        `  ligne ${l.line}${l.kind ? ` (${lineKind(l.kind)}${l.field ? `, champ ${l.field}` : ''})` : ''} : ${l.reason}`,
      );
    if (r.rejectedTotal > maxRejected)
      out.push(
        `  … et ${plural(r.rejectedTotal - maxRejected, 'autre', 'autres')} (rapport complet avec --json).`,
      );
  }
  for (const w of r.warnings) out.push(`Attention : ${w}`);
  return out.join('\n');
}
