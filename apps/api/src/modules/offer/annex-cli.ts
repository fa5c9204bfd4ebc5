import type { Command } from 'commander';
import { out, withContext } from '../../cli-support';

const parseYear = (value: string | undefined) => {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) throw new Error(`Année invalide : ${value} (attendu AAAA, par exemple 2020).`);
  return Number(value);
};
const euros = (cents: number) => `${(cents / 100).toLocaleString('fr-FR')} €`;

/** `offer import-annex` and `offer export-annex`: the département's annex, in and out. */
export function registerAnnexCommands(offer: Command) {
  offer
    .command('import-annex')
    .description(
      "importe l'annexe budgétaire (tableau et fiches des actions) dans le catalogue ; sans effet si rien n'a changé",
    )
    .option('--file <fichier>', "fichier texte de l'annexe (défaut : apps/api/data/pdi-2020-annex.txt)")
    .option('--year <AAAA>', "année de l'annexe (défaut : 2020)")
    .option('--json', 'résultat en JSON')
    .action(async (opts: { file?: string; year?: string; json?: boolean }) => {
      const year = parseYear(opts.year);
      const { importAnnex } = await import('./application/import-annex');
      await withContext(async (ctx) => {
        const r = await importAnnex(ctx, ctx.config.departmentCode, { file: opts.file, year });
        if (opts.json) return out(r);
        out(
          r.changed
            ? `Annexe ${r.year} importée : ${r.actions.total} action(s) (${r.actions.created} créée(s), ${r.actions.updated} modifiée(s)), ${r.operators.created} opérateur(s) créé(s), ${r.budgets} budget(s) écrit(s), ${r.lines} ligne(s) de total.`
            : `Annexe ${r.year} déjà à jour : rien n'a changé (${r.actions.total} actions).`,
        );
        out(
          `Total calculé depuis les lignes d'action : ${euros(r.totals.amountCents)} (État ${euros(r.totals.stateShareCents)}, département ${euros(r.totals.departmentShareCents)}).`,
        );
        out(`${r.inconsistencies} incohérence(s) de l'annexe relevée(s) : voir l'écran Pilotage › Budgets.`);
      });
    });
  offer
    .command('export-annex')
    .description("écrit l'annexe budgétaire d'une année en XLSX (montants et totaux en nombres)")
    .requiredOption('--out <fichier.xlsx>', 'fichier à écrire')
    .option('--year <AAAA>', 'année (défaut : la dernière annexe importée)')
    .action(async (opts: { out: string; year?: string }) => {
      const year = parseYear(opts.year);
      const fs = await import('node:fs');
      const { exportAnnexXlsx } = await import('./application/annex-export');
      await withContext(async (ctx) => {
        const { content } = await exportAnnexXlsx(ctx, ctx.config.departmentCode, year);
        fs.writeFileSync(opts.out, content);
        out(`Annexe écrite dans ${opts.out} (${content.length} octets).`);
      });
    });
}
