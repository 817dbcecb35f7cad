/** What the synth diff finds, stack by stack: the model the renderer turns into Markdown. */
import type { Danger, StatefulKind } from '../shared';
import type { MovedBlock } from './read-synth-output';
import type { ReplacementEffect } from './replacement-rules';
import type { AttributeChange } from './value-diff';

/** A resource named in the diff. */
export interface ResourceRef {
  /** Terraform address. */
  readonly address: string;
  /** Resource type. */
  readonly type: string;
  /** What it is when its type holds data. */
  readonly stateful?: StatefulKind;
  /** Construct path, when cdktf recorded it. */
  readonly constructPath?: string;
}

/** One changed attribute, with what changing it does. */
export interface ChangedAttribute extends AttributeChange {
  /** `replace` or `caution` when the replacement table has a rule for it. */
  readonly effect?: ReplacementEffect;
  /** The rule's note. */
  readonly note?: string;
  /** Listed in the head resource's `lifecycle.ignore_changes`: Terraform will not act on it. */
  readonly ignored: boolean;
}

/** A resource in both outputs whose arguments differ. */
export interface ChangedResource extends ResourceRef {
  /** What differs. */
  readonly attributes: readonly ChangedAttribute[];
}

/** One stack's differences. */
export interface StackDiff {
  /** Stack name. */
  readonly stack: string;
  /** `added`/`removed`: the stack exists in only one output; `changed`: in both. */
  readonly status: 'added' | 'removed' | 'changed';
  /** Resources only in head. */
  readonly added: readonly ResourceRef[];
  /** Resources only in base (neither moved nor forgotten). */
  readonly removed: readonly ResourceRef[];
  /** Resources in both that differ. */
  readonly changed: readonly ChangedResource[];
  /** `moved` blocks of head that take effect here. */
  readonly moved: readonly MovedBlock[];
  /** Resources of base that a `removed` block forgets (kept in AWS). */
  readonly forgotten: readonly ResourceRef[];
  /** Resources identical in both. */
  readonly unchanged: number;
}

/** The whole comparison. */
export interface SynthDiff {
  /** Every stack in either output, by name. */
  readonly stacks: readonly StackDiff[];
  /** Stateful resources that would be destroyed or replaced. */
  readonly dangers: readonly Danger[];
  /** Things to check that do not block. */
  readonly warnings: readonly string[];
}

/** What checking one part of the diff found. */
export interface Findings {
  /** Stateful resources destroyed or replaced. */
  readonly dangers: Danger[];
  /** Things to check that do not block. */
  readonly warnings: string[];
}
