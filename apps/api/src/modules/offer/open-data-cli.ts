import type { Command } from 'commander';

export function registerOpenDataCommands(_offer: Command) {}
