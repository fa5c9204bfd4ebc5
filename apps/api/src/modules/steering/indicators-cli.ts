import type { Command } from 'commander';

export function registerIndicatorCommands(_program: Command) {}
