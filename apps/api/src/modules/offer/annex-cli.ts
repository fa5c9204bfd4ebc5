import type { Command } from 'commander';

export function registerAnnexCommands(_offer: Command) {}
