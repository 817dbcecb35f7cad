/**
 * Compares two synth outputs stack by stack: resources added, removed (neither moved nor
 * forgotten) and changed, with the dangers and warnings find-dangers.ts sees in them.
 */
import type { Danger } from '../shared';
import { changedAttributes, refOf } from './annotate-resource';
import { backendWarnings, changedResourceFindings, removalDanger, stackRemovalDangers } from './find-dangers';
import type { MovedBlock, SynthResource, SynthStack } from './read-synth-output';
import type { ChangedResource, ResourceRef, StackDiff, SynthDiff } from './synth-diff-model';
import { diffValues } from './value-diff';

/** A stack's diff with nothing in it yet. */
function emptyDiff(stack: string, status: StackDiff['status']): StackDiff {
  return { stack, status, added: [], removed: [], changed: [], moved: [], forgotten: [], unchanged: 0 };
}

interface StackResult {
  readonly diff: StackDiff;
  readonly dangers: readonly Danger[];
  readonly warnings: readonly string[];
}

function diffStackInBoth(base: SynthStack, head: SynthStack): StackResult {
  const stack = head.name;
  const movedFrom = new Map(head.moved.map((m) => [m.from, m]));
  const movedTo = new Set(head.moved.map((m) => m.to));
  const added = [...head.resources.values()]
    .filter((r) => !base.resources.has(r.address) && !movedTo.has(r.address))
    .map((r) => refOf(r, stack));
  const removed: ResourceRef[] = [];
  const forgotten: ResourceRef[] = [];
  const moved: MovedBlock[] = [];
  const changed: ChangedResource[] = [];
  const dangers: Danger[] = [];
  const warnings: string[] = [];
  let unchanged = 0;
  for (const resource of base.resources.values()) {
    const headResource = head.resources.get(resource.address);
    if (headResource === undefined) {
      const move = movedFrom.get(resource.address);
      if (move) moved.push(move);
      else if (head.forgotten.has(resource.address)) forgotten.push(refOf(resource, stack));
      else removed.push(refOf(resource, stack));
      continue;
    }
    const attributes = changedAttributes(resource, headResource, stack);
    if (attributes.length === 0) {
      unchanged += 1;
      continue;
    }
    const entry: ChangedResource = { ...refOf(headResource, stack), attributes };
    changed.push(entry);
    const found = changedResourceFindings(stack, entry, resource, headResource);
    dangers.push(...found.dangers);
    warnings.push(...found.warnings);
  }
  for (const ref of removed.filter((r) => r.stateful)) {
    const baseResource = base.resources.get(ref.address) as SynthResource;
    dangers.push(
      removalDanger(
        stack,
        ref,
        baseResource,
        added.filter((a) => a.type === ref.type),
      ),
    );
  }
  warnings.push(...backendWarnings(stack, diffValues(base.backend, head.backend)));
  const diff = { ...emptyDiff(stack, 'changed'), added, removed, changed, moved, forgotten, unchanged };
  return { diff, dangers, warnings };
}

function diffStackRemoved(base: SynthStack): StackResult {
  const removed = [...base.resources.values()].map((r) => refOf(r, base.name));
  const diff = { ...emptyDiff(base.name, 'removed'), removed };
  return { diff, dangers: stackRemovalDangers(base.name, removed), warnings: [] };
}

function diffStackAdded(head: SynthStack): StackResult {
  const added = [...head.resources.values()].map((r) => refOf(r, head.name));
  return { diff: { ...emptyDiff(head.name, 'added'), added }, dangers: [], warnings: [] };
}

/** Compares base and head, stack by stack. */
export function diffSynthOutputs(
  base: ReadonlyMap<string, SynthStack>,
  head: ReadonlyMap<string, SynthStack>,
): SynthDiff {
  const names = [...new Set([...base.keys(), ...head.keys()])].sort();
  const results = names.map((name) => {
    const [before, after] = [base.get(name), head.get(name)];
    if (before && after) return diffStackInBoth(before, after);
    return before ? diffStackRemoved(before) : diffStackAdded(after as SynthStack);
  });
  return {
    stacks: results.map((r) => r.diff),
    dangers: results.flatMap((r) => r.dangers),
    warnings: results.flatMap((r) => r.warnings),
  };
}
