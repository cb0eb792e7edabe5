import { HostResolver, TargetPolicy, callbackUrlRefusal } from '@herald/delivery';

export type { HostResolver } from '@herald/delivery';

/**
 * Checks a callback URL with the target policy the dispatcher applies when it connects (one
 * classifier, libs/delivery): http(s), no credentials, no localhost names, and every address
 * the host resolves to allowed. Returns the problem as a message, or null when acceptable.
 */
export function callbackUrlProblem(
  raw: string,
  options: { policy: TargetPolicy; resolve: HostResolver },
): Promise<string | null> {
  return callbackUrlRefusal(raw, options.policy, options.resolve);
}
