/** For tests: the message a config's validation gives one field. */
import { ConfigError } from '../config/fields';
import { parseExperimentConfig } from './config';

/** The message `parseExperimentConfig(input)` gives `field`, or undefined when it names no problem there. */
export function configIssue(input: unknown, field: string): string | undefined {
  try {
    parseExperimentConfig(input);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.issues.find((i) => i.field === field)?.message;
  }
  return undefined;
}
