import type { Command } from 'commander';
import { out, withContext } from '../../cli-support';

const parseYear = (value: string | undefined) => {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value) || Number(value) < 2000 || Number(value) > 2100)
    throw new Error(`Année invalide : ${value} (attendu AAAA, par exemple 2020).`);
  return Number(value);
};

/** `convention import` and `convention export`: the convention's indicator table, in and out. */
export function registerConventionCommands(program: Command) {
  const convention = program
    .command('convention')
    .description('tableau des indicateurs de la convention (import, export XLSX)');
  convention
    .command('import')
    .description(
      'importe le tableau des indicateurs de la convention ; garde les valeurs modifiées dans Parcours, sans effet si rien n’a changé',
    )
    .option(
      '--file <fichier>',
      'fichier tabulé du tableau (défaut : apps/api/data/convention-indicators-2020.tsv)',
    )
    .option('--json', 'résultat en JSON')
    .action(async (opts: { file?: string; json?: boolean }) => {
      const { importConventionTable } = await import('./application/import-convention');
      await withContext(async (ctx) => {
        const r = await importConventionTable(ctx, ctx.config.departmentCode, { file: opts.file });
        if (opts.json) return out(r);
        out(
          r.changed
            ? `Tableau de la convention importé : ${r.rows.total} indicateur(s) (${r.rows.created} créé(s), ${r.rows.updated} modifié(s)), ${r.values.created} valeur(s) créée(s), ${r.values.updated} mise(s) à jour.`
            : `Tableau de la convention déjà à jour : rien n’a changé (${r.rows.total} indicateurs).`,
        );
        if (r.values.keptEdited > 0)
          out(`${r.values.keptEdited} valeur(s) modifiée(s) dans Parcours conservée(s).`);
      });
    });
  convention
    .command('export')
    .description('écrit le tableau des indicateurs en XLSX, avec la colonne calculée de l’année')
    .requiredOption('--out <fichier.xlsx>', 'fichier à écrire')
    .option('--year <AAAA>', 'année de la colonne calculée (défaut : l’année précédente)')
    .action(async (opts: { out: string; year?: string }) => {
      const year = parseYear(opts.year);
      const fs = await import('node:fs');
      const { exportConventionXlsx } = await import('./application/convention-export');
      await withContext(async (ctx) => {
        const { content, table } = await exportConventionXlsx(ctx, ctx.config.departmentCode, year);
        fs.writeFileSync(opts.out, content);
        out(
          `Tableau de la convention (colonne calculée ${table.year}) écrit dans ${opts.out} (${content.length} octets).`,
        );
      });
    });
}
