import { resourceName } from '../naming';

/**
 * The `Name` tag of a network resource: `<namePrefix>-<parts...>`. The console lists VPC resources
 * by this tag, so every resource that takes tags gets one.
 */
export function nameTag(namePrefix: string, ...parts: string[]): { Name: string } {
  return { Name: resourceName('generic', namePrefix, ...parts) };
}
