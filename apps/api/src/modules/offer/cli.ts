import type { Command } from 'commander';
import { registerAnnexCommands } from './annex-cli';
import { registerOpenDataCommands } from './open-data-cli';

/** `offer …`: the catalogue's imports and exports. */
export function registerOfferCommands(program: Command) {
  const offer = program.command('offer').description("offre d'insertion : catalogue, annexe, open data");
  registerAnnexCommands(offer);
  registerOpenDataCommands(offer);
}
