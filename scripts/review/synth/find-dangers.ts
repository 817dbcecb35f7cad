/**
 * The synth diff's judgement: which differences would destroy or replace a stateful resource
 * (DANGER), and which only need a look (warnings).
 */
import { code, formatAttributePath, formatValue, plural, type Danger } from '../shared';
import { lifecycleOf } from './annotate-resource';
import type { SynthResource } from './read-synth-output';
import type { ChangedAttribute, ChangedResource, Findings, ResourceRef } from './synth-diff-model';
import type { AttributeChange } from './value-diff';

/** `` `kms_key_id`: "old" → "new" ``, noting when base did not set it. */
function describeChange(change: AttributeChange): string {
  const wasUnset =
    change.before === undefined ? ' (unset in base: no replacement if the live value already matches)' : '';
  const values = `${formatValue(change.before)} → ${formatValue(change.after)}`;
  return `${code(formatAttributePath(change.path))}: ${values}${wasUnset}`;
}

/** A resource in both outputs: replacing arguments, cautions, and a dropped `prevent_destroy`. */
export function changedResourceFindings(
  stack: string,
  changed: ChangedResource,
  base: SynthResource,
  head: SynthResource,
): Findings {
  const dangers: Danger[] = [];
  const warnings: string[] = [];
  const active = changed.attributes.filter((a) => !a.ignored);
  const forcing = active.filter((a) => a.effect === 'replace');
  if (changed.stateful && forcing.length > 0) {
    dangers.push({
      stack,
      resource: code(changed.address),
      kind: changed.stateful.label,
      change: 'replace (destroy, then create)',
      why: `${forcing.map(describeChange).join(', ')} ${forcing[0].note}; loses ${changed.stateful.loss}`,
    });
  }
  for (const attribute of active.filter((a: ChangedAttribute) => a.effect === 'caution')) {
    warnings.push(`${stack}: ${code(changed.address)} ${describeChange(attribute)}: ${attribute.note}`);
  }
  if (lifecycleOf(base).prevent_destroy === true && lifecycleOf(head).prevent_destroy !== true) {
    warnings.push(
      `${stack}: ${code(changed.address)} no longer has \`lifecycle.prevent_destroy\`: Terraform will let it be destroyed`,
    );
  }
  return { dangers, warnings };
}

/**
 * A stateful resource removed from a stack that stays. When one of the same type was added, it is
 * most likely the same resource under a new logical id: say how to keep it.
 */
export function removalDanger(
  stack: string,
  removed: ResourceRef,
  base: SynthResource,
  addedSameType: readonly ResourceRef[],
): Danger {
  const parts: string[] = [];
  if (addedSameType.length > 0) {
    const candidates = addedSameType.map((r) => code(r.address)).join(' or ');
    const oldName = removed.address.slice(removed.type.length + 1);
    parts.push(
      `logical id changed? ${candidates} was added: without a \`moved\` block Terraform reads this as destroy + create. ` +
        `Keep the id (\`overrideLogicalId('${oldName}')\`) or add a moved block (\`moveToId\`)`,
    );
  } else {
    parts.push('removed from the code: destroyed on the next apply');
  }
  if (lifecycleOf(base).prevent_destroy === true) {
    parts.push('its `prevent_destroy` does not help once the resource block is gone');
  }
  parts.push(`loses ${removed.stateful?.loss ?? 'its data'}`);
  return {
    stack,
    resource: code(removed.address),
    kind: removed.stateful?.label ?? removed.type,
    change: 'removed',
    why: parts.join('; '),
  };
}

/** The first few addresses, then how many more: a danger row must stay readable. */
function namesOf(refs: readonly ResourceRef[], max = 4): string {
  const shown = refs.slice(0, max).map((r) => code(r.address));
  return refs.length > max ? `${shown.join(', ')} and ${refs.length - max} more` : shown.join(', ');
}

/**
 * A whole stack gone from the app: one entry for the stack, since the decision is about the stack
 * and a row per resource would bury every other danger of the pull request.
 */
export function stackRemovalDangers(stack: string, removed: readonly ResourceRef[]): Danger[] {
  const stateful = removed.filter((r) => r.stateful);
  if (stateful.length === 0) return [];
  return [
    {
      stack,
      resource: `the whole stack (${plural(stateful.length, 'stateful resource')}: ${namesOf(stateful)})`,
      kind: [...new Set(stateful.map((r) => r.stateful?.label))].join(', '),
      change: 'stack removed',
      why:
        'the stack is gone from the app: nothing deploys it any more and its resources stay in AWS unmanaged; ' +
        `\`cdktf destroy ${stack}\` from the old code would delete them all`,
    },
  ];
}

/** A warning when the stack's state backend changed; `[]` otherwise. */
export function backendWarnings(stack: string, changes: readonly AttributeChange[]): string[] {
  if (changes.length === 0) return [];
  return [
    `${stack}: the state backend changed (${changes.map(describeChange).join(', ')}): Terraform starts from ` +
      'the state found there, so without `terraform init -migrate-state` it plans to create every resource again',
  ];
}
