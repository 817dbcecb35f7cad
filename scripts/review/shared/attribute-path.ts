/** Attribute paths as Terraform writes them in plan output, shared by both review tools. */

/** One step into a value: an object key or a list index. */
export type PathStep = string | number;

/** `rule[0].kms_master_key_id` for `["rule", 0, "kms_master_key_id"]`; odd keys as `tags["a.b/c"]`. */
export function formatAttributePath(steps: readonly PathStep[]): string {
  return steps
    .map((step, i) => {
      if (typeof step === 'number') return `[${step}]`;
      if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(step)) return i === 0 ? step : `.${step}`;
      return `[${JSON.stringify(step)}]`;
    })
    .join('');
}
