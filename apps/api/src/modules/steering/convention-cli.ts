import type { Command } from 'commander';

export function registerConventionCommands(_program: Command) {}
