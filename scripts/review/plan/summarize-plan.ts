/**
 * One stack's plan, summarized: counts per kind of change, the managed resources that change, and
 * the dangers (a stateful resource destroyed or replaced).
 */
import { code, statefulKind, type Danger, type StatefulKind } from '../shared';
import { classifyChange, type ChangeKind } from './classify-change';
import { describeActionReason, describeReplacePaths } from './explain-change';
import type { PlanJson, ResourceChange } from './plan-json';

/** One managed resource that changes. */
export interface PlannedChange {
  /** Terraform address. */
  readonly address: string;
  /** Resource type. */
  readonly type: string;
  /** Which bucket it is listed under. */
  readonly kind: ChangeKind;
  /** The action in words, e.g. `replace (destroy, then create)`. */
  readonly description: string;
  /** Why, moved from where, imported: Markdown fragments. */
  readonly notes: readonly string[];
  /** What it is when its type holds data; `undefined` otherwise. */
  readonly stateful?: StatefulKind;
}

/** A stack's summary. */
export interface StackPlanSummary {
  /** Stack name, from the file name or `--stack`. */
  readonly stack: string;
  /** Plan file it came from. */
  readonly file: string;
  /** Number of changes of each kind (data sources count as `read`). */
  readonly counts: Readonly<Record<ChangeKind, number>>;
  /** Managed resources that change, in plan order; no-ops and reads left out. */
  readonly changes: readonly PlannedChange[];
  /** Stateful resources destroyed or replaced. */
  readonly dangers: readonly Danger[];
  /** Terraform reported errors while planning: the plan may be missing changes. */
  readonly incomplete: boolean;
}

const NO_COUNTS: Readonly<Record<ChangeKind, number>> = {
  create: 0,
  update: 0,
  replace: 0,
  destroy: 0,
  forget: 0,
  move: 0,
  import: 0,
  'no-op': 0,
  read: 0,
  other: 0,
};

function notesOf(change: ResourceChange): string[] {
  const notes: string[] = [];
  const reason = describeActionReason(change.action_reason);
  if (reason) notes.push(reason);
  const forcedBy = describeReplacePaths(change.change);
  if (forcedBy.length > 0) notes.push(`forced by ${forcedBy.join(', ')}`);
  if (change.previous_address !== undefined && change.previous_address !== change.address) {
    notes.push(`moved from \`${change.previous_address}\``);
  }
  if (change.change.importing !== undefined && change.change.importing !== null) notes.push('imported');
  return notes;
}

/** Summarizes one stack's plan. */
export function summarizePlan(stack: string, file: string, plan: PlanJson): StackPlanSummary {
  const counts = { ...NO_COUNTS };
  const changes: PlannedChange[] = [];
  const dangers: Danger[] = [];
  for (const change of plan.resource_changes ?? []) {
    if (change.mode !== 'managed') {
      counts.read += 1;
      continue;
    }
    const { kind, deletes, description } = classifyChange(change);
    counts[kind] += 1;
    if (kind === 'no-op' || kind === 'read') continue;
    const stateful = statefulKind(change.type, stack);
    const notes = notesOf(change);
    changes.push({
      address: change.address,
      type: change.type,
      kind,
      description,
      notes,
      ...(stateful ? { stateful } : {}),
    });
    // A forgotten resource stays in AWS, so it is listed but not a danger; a replace that forgets the
    // old object still points the configuration at a new, empty one, so it is.
    if (stateful && (deletes || kind === 'replace')) {
      const why = [...notes, `loses ${stateful.loss}`].join('; ');
      dangers.push({ stack, resource: code(change.address), kind: stateful.label, change: description, why });
    }
  }
  return { stack, file, counts, changes, dangers, incomplete: plan.errored === true };
}
