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

const frDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

const conflicts = (r: HistoryReport) => {
  const n = Object.values(r.counts).reduce((sum, c) => sum + (c.conflict ?? 0), 0);
  return n > 0 ? ` (dont ${n} conflit(s) d’identité : une autre personne sous le même identifiant)` : '';
};

/** The one-sentence outcome shown on the upload screen and first in the terminal. */
export function summaryMessage(r: HistoryReport): string {
  switch (r.status) {
    case 'already_imported':
      return `Fichier déjà importé${r.previousRun ? ` le ${frDate(r.previousRun.startedAt)}` : ''} : rien n’a changé.`;
    case 'rejected':
      return r.rejectedTotal > 0
        ? `Import refusé : ${r.rejectedTotal} ligne(s) rejetée(s) sur ${r.lines}${conflicts(r)}. Rien n’a été enregistré.`
        : 'Import interrompu : rien n’a été enregistré.';
    case 'applied': {
      const p = r.counts.person;
      const base = `Historique importé : ${r.lines} ligne(s) lue(s) ; ${p.created} personne(s) créée(s), ${p.updated} mise(s) à jour ; ${r.derived.entrySpells} entrée(s) dans le dispositif.`;
      return r.rejectedTotal > 0
        ? `${base} ${r.rejectedTotal} ligne(s) rejetée(s)${conflicts(r)} n’ont pas été appliquées.`
        : base;
    }
  }
}

/** The report as the command line prints it (French, one block). */
export function formatReport(r: HistoryReport, maxRejected = 50): string {
  const out = [
    r.message,
    `Fichier : ${r.fileName} (${r.lines} ligne(s), empreinte ${r.contentHash.slice(0, 12)}…)`,
  ];
  out.push('', 'Par type de ligne :');
  for (const [kind, label] of Object.entries(kindLabels) as [HistoryKind, string][]) {
    const c = r.counts[kind];
    if (c.read === 0) continue;
    const parts = [`${c.read} lue(s)`];
    if (r.status === 'applied') {
      parts.push(`${c.created} ajoutée(s)`);
      if (c.updated) parts.push(`${c.updated} rafraîchie(s)`);
      if (c.unchanged) parts.push(`${c.unchanged} inchangée(s)`);
      if (c.replaced) parts.push(`${c.replaced} ancienne(s) remplacée(s)`);
    }
    if (c.conflict) parts.push(`${c.conflict} en conflit d’identité`);
    if (c.rejected - (c.conflict ?? 0) > 0) parts.push(`${c.rejected - (c.conflict ?? 0)} rejetée(s)`);
    out.push(`  ${label.padEnd(26)} ${parts.join(', ')}`);
  }
  if (r.status === 'applied') {
    const d = r.derived;
    out.push(
      `  ${'foyers'.padEnd(26)} ${d.householdsCreated} créé(s), ${d.householdsUpdated} modifié(s)`,
      `  ${'périodes de droits'.padEnd(26)} ${d.rightsPeriods}`,
      `  ${'entrées'.padEnd(26)} ${d.entrySpells}`,
      `  ${'événements du parcours'.padEnd(26)} ${d.timelineEvents}`,
    );
  }
  if (r.rejectedTotal > 0) {
    out.push('', `Lignes rejetées (${r.rejectedTotal}) :`);
    for (const l of r.rejected.slice(0, maxRejected))
      out.push(
        `  ligne ${l.line}${l.kind ? ` (${l.kind}${l.field ? `, champ ${l.field}` : ''})` : ''} : ${l.reason}`,
      );
    if (r.rejectedTotal > maxRejected)
      out.push(`  … et ${r.rejectedTotal - maxRejected} autre(s) (rapport complet avec --json).`);
  }
  for (const w of r.warnings) out.push(`Attention : ${w}`);
  return out.join('\n');
}
