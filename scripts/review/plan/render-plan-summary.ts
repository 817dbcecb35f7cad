/**
 * The plan summary as one PR comment: marker, DANGER (first, so it cannot be missed), a counts table
 * a reviewer reads in ten seconds, then per stack the resources by action.
 */
import {
  capped,
  code,
  commentMarker,
  plural,
  renderDangerSection,
  renderWarnings,
  table,
  type Danger,
} from '../shared';
import type { ChangeKind } from './classify-change';
import type { PlannedChange, StackPlanSummary } from './summarize-plan';

/** Marker the plan workflow finds its own comment by. */
export const PLAN_SUMMARY_MARKER = commentMarker('plan-summary');

/** The order and headings of the per-stack lists: the destructive ones first. */
const SECTIONS: readonly { kind: ChangeKind; heading: string }[] = [
  { kind: 'replace', heading: 'Replace' },
  { kind: 'destroy', heading: 'Destroy' },
  { kind: 'forget', heading: 'Forget (removed from state, kept in AWS)' },
  { kind: 'update', heading: 'Update in place' },
  { kind: 'create', heading: 'Create' },
  { kind: 'move', heading: 'Move (no change)' },
  { kind: 'import', heading: 'Import' },
  { kind: 'other', heading: 'Other' },
];

/** Kinds counted in the table's last column, with the word used there. */
const ALSO_COUNTED: Readonly<Partial<Record<ChangeKind, string>>> = {
  forget: 'forgotten',
  move: 'moved',
  import: 'imported',
  other: 'other',
};

/** A long list stops here; the plan artifact has the rest. */
const MAX_LINES_PER_LIST = 50;

function changeLine(change: PlannedChange): string {
  const what = change.stateful ? ` (${change.stateful.label})` : ` (${change.type})`;
  const notes = change.notes.length > 0 ? `: ${change.notes.join('; ')}` : '';
  const order = change.kind === 'replace' || change.kind === 'destroy' ? `, ${change.description}` : '';
  return `- ${code(change.address)}${what}${order}${notes}`;
}

function renderStack(summary: StackPlanSummary): string[] {
  const lines = [`### ${summary.stack}`, ''];
  if (summary.changes.length === 0) lines.push('No changes.', '');
  for (const { kind, heading } of SECTIONS) {
    const changes = summary.changes.filter((c) => c.kind === kind);
    if (changes.length === 0) continue;
    const where = `see the plan artifact ${code(`plan-${summary.stack}`)}`;
    lines.push(
      `**${heading} (${changes.length})**`,
      '',
      ...capped(changes.map(changeLine), MAX_LINES_PER_LIST, where),
      '',
    );
  }
  const quiet = [
    summary.counts['no-op'] > 0 ? `${summary.counts['no-op']} unchanged` : '',
    summary.counts.read > 0 ? `${plural(summary.counts.read, 'data source')} read` : '',
  ].filter(Boolean);
  if (quiet.length > 0) lines.push(`Not listed: ${quiet.join(', ')}.`, '');
  return lines;
}

function countsTable(summaries: readonly StackPlanSummary[]): string {
  const rows = summaries.map((s) => {
    const others = Object.entries(ALSO_COUNTED)
      .filter(([kind]) => s.counts[kind as ChangeKind] > 0)
      .map(([kind, word]) => `${s.counts[kind as ChangeKind]} ${word}`);
    return [
      s.stack,
      String(s.counts.create),
      String(s.counts.update),
      String(s.counts.replace),
      String(s.counts.destroy),
      others.join(', ') || '-',
    ];
  });
  return table(['stack', 'create', 'update', 'replace', 'destroy', 'also'], rows);
}

/** The whole comment for every stack's summary. */
export function renderPlanSummary(summaries: readonly StackPlanSummary[], allowDestroy: boolean): string {
  const dangers: Danger[] = summaries.flatMap((s) => s.dangers);
  const warnings = summaries
    .filter((s) => s.incomplete)
    .map(
      (s) =>
        `${s.stack}: Terraform reported errors while planning (${code(s.file)}); this plan may be missing changes.`,
    );
  return [
    PLAN_SUMMARY_MARKER,
    `## Terraform plan: ${plural(summaries.length, 'stack')}`,
    '',
    ...renderDangerSection(dangers, allowDestroy),
    ...renderWarnings(warnings),
    countsTable(summaries),
    '',
    ...summaries.flatMap(renderStack),
  ].join('\n');
}
