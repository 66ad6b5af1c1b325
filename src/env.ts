import { existsSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { type Config, ConfigError, parseConfig, retiredVariableWarnings } from './config.ts';

/**
 * Read `.env` (if present; real environment variables win) and parse the config.
 * On invalid configuration prints the problem (never a secret's value) and exits 1; a retired variable
 * that is still set gets a warning on stderr.
 */
export function loadConfigOrExit(): Config {
  if (existsSync('.env')) loadDotenv({ quiet: true });
  for (const warning of retiredVariableWarnings(process.env)) process.stderr.write(`warning: ${warning}\n`);
  try {
    return parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
