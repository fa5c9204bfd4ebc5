import type { Command } from 'commander';

export function registerStatisticsCommands(_program: Command) {}
