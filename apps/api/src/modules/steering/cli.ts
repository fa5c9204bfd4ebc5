import type { Command } from 'commander';
import { registerConventionCommands } from './convention-cli';
import { registerIndicatorCommands } from './indicators-cli';
import { registerStatisticsCommands } from './statistics-cli';

/** Steering commands: `indicators`, `statistics …`, `convention …`. */
export function registerSteeringCommands(program: Command) {
  registerIndicatorCommands(program);
  registerStatisticsCommands(program);
  registerConventionCommands(program);
}
