/**
 * What a planned change does, from its `actions` (the documented combinations) and the address
 * fields, in the words the summary uses.
 */
import type { ResourceChange } from './plan-json';

/** The summary's buckets. `no-op` and `read` are counted but not listed. */
export type ChangeKind =
  'create' | 'update' | 'replace' | 'destroy' | 'forget' | 'move' | 'import' | 'no-op' | 'read' | 'other';

/** A change's bucket and, for replaces, the order Terraform does it in. */
export interface ChangeClass {
  /** Which bucket it counts in. */
  readonly kind: ChangeKind;
  /** Whether the existing object is deleted (any combination containing `delete`). */
  readonly deletes: boolean;
  /** How a reviewer reads the action, e.g. `replace (destroy, then create)`. */
  readonly description: string;
}

function same(actions: readonly string[], expected: readonly string[]): boolean {
  return actions.length === expected.length && actions.every((action, i) => action === expected[i]);
}

/** Classifies one resource change. */
export function classifyChange(change: ResourceChange): ChangeClass {
  const { actions } = change.change;
  // The format documents that scanning for "delete" finds every way an object is deleted,
  // including combinations added in future versions.
  const deletes = actions.includes('delete');
  if (same(actions, ['delete', 'create'])) {
    return { kind: 'replace', deletes, description: 'replace (destroy, then create)' };
  }
  if (same(actions, ['create', 'delete'])) {
    return { kind: 'replace', deletes, description: 'replace (create, then destroy)' };
  }
  if (same(actions, ['create', 'forget']) || same(actions, ['forget', 'create'])) {
    // Terraform 1.7+ `removed`/`destroy = false` during a replace: the old object stays in AWS,
    // unmanaged, while a new, empty one takes its place in the configuration.
    return { kind: 'replace', deletes, description: 'replace (new object created, old one forgotten)' };
  }
  if (same(actions, ['delete'])) {
    const what = change.deposed ? `destroy (deposed object ${change.deposed})` : 'destroy';
    return { kind: 'destroy', deletes, description: what };
  }
  if (same(actions, ['forget'])) {
    return { kind: 'forget', deletes, description: 'forget (removed from state, kept in AWS)' };
  }
  if (same(actions, ['create'])) return { kind: 'create', deletes, description: 'create' };
  if (same(actions, ['update'])) return { kind: 'update', deletes, description: 'update in place' };
  if (same(actions, ['read'])) return { kind: 'read', deletes, description: 'read' };
  if (same(actions, ['no-op'])) {
    if (change.change.importing !== undefined && change.change.importing !== null) {
      return { kind: 'import', deletes, description: 'import' };
    }
    if (change.previous_address !== undefined && change.previous_address !== change.address) {
      return { kind: 'move', deletes, description: 'move' };
    }
    return { kind: 'no-op', deletes, description: 'no change' };
  }
  if (deletes) {
    const kind = actions.includes('create') ? 'replace' : 'destroy';
    return { kind, deletes, description: `${kind} (${actions.join(', ')})` };
  }
  return { kind: 'other', deletes, description: actions.join(', ') };
}
