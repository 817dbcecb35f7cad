/**
 * One synthesized resource seen by the synth diff: what it is, and for each argument that differs
 * between base and head, what Terraform will do about it (replace, caution, ignore).
 */
import { statefulKind } from '../shared';
import type { SynthResource } from './read-synth-output';
import { replacementRule } from './replacement-rules';
import type { ChangedAttribute, ResourceRef } from './synth-diff-model';
import { diffValues, withoutMetadata } from './value-diff';

/** The resource as the report names it. */
export function refOf(resource: SynthResource, stack: string): ResourceRef {
  const stateful = statefulKind(resource.type, stack);
  return {
    address: resource.address,
    type: resource.type,
    ...(stateful ? { stateful } : {}),
    ...(resource.constructPath ? { constructPath: resource.constructPath } : {}),
  };
}

/** The resource's `lifecycle` block; `{}` when it has none. */
export function lifecycleOf(resource: SynthResource): Record<string, unknown> {
  const lifecycle = resource.body.lifecycle;
  return typeof lifecycle === 'object' && lifecycle !== null && !Array.isArray(lifecycle)
    ? (lifecycle as Record<string, unknown>)
    : {};
}

function isIgnored(head: SynthResource, attribute: string | number): boolean {
  const ignore = lifecycleOf(head).ignore_changes;
  return ignore === 'all' || (Array.isArray(ignore) && ignore.includes(attribute));
}

/** Every argument that differs, with its replacement rule (for stateful types) and ignore mark. */
export function changedAttributes(
  base: SynthResource,
  head: SynthResource,
  stack: string,
): ChangedAttribute[] {
  const headArguments = withoutMetadata(head.body) as Record<string, unknown>;
  const stateful = statefulKind(head.type, stack) !== undefined;
  return diffValues(base.body, head.body).map((change) => {
    const attribute = change.path[0];
    const ignored = isIgnored(head, attribute);
    const rule =
      stateful && typeof attribute === 'string'
        ? replacementRule(head.type, attribute, base.body[attribute], head.body[attribute], headArguments)
        : undefined;
    return { ...change, ignored, ...(rule ? { effect: rule.effect, note: rule.note } : {}) };
  });
}
