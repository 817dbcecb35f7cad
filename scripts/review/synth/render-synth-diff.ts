/**
 * The synth diff as one PR comment: marker, DANGER first, warnings, a counts table, then per stack
 * the resources added, removed and changed with the changed attributes (old → new, shortened).
 */
import {
  capped,
  code,
  commentMarker,
  formatAttributePath,
  formatValue,
  plural,
  renderDangerSection,
  renderWarnings,
  table,
} from '../shared';
import type {
  ChangedAttribute,
  ChangedResource,
  ResourceRef,
  StackDiff,
  SynthDiff,
} from './synth-diff-model';

/** Marker the CI workflow finds its own comment by. */
export const SYNTH_DIFF_MARKER = commentMarker('synth-diff');

/** A long list stops here; the synth output artifact has the rest. */
const MAX_LINES_PER_LIST = 50;
/** Changed attributes shown per resource. */
const MAX_ATTRIBUTES_PER_RESOURCE = 15;
const WHERE_THE_REST_IS = 'the full JSON is in the `cdktf-out` artifact';

/**
 * Argument names whose literal values are not printed. The synthesized JSON holds no secret values
 * (generated secrets are references), but a comment is the wrong place to find out otherwise.
 */
const SECRET_NAME = /(password|secret_string|auth_token|private_key|secret_binary)/i;

function shownValue(attribute: ChangedAttribute, value: unknown): string {
  const secretPath = attribute.path.some((step) => typeof step === 'string' && SECRET_NAME.test(step));
  const isReference = typeof value === 'string' && /^\$\{[^}]*\}$/.test(value);
  if (secretPath && value !== undefined && !isReference) return '(hidden)';
  return formatValue(value);
}

function refLine(ref: ResourceRef): string {
  const what = ref.stateful ? ref.stateful.label : ref.type;
  const where = ref.constructPath ? `, construct ${code(ref.constructPath)}` : '';
  return `- ${code(ref.address)} (${what}${where})`;
}

function attributeLine(attribute: ChangedAttribute): string {
  const values = `${shownValue(attribute, attribute.before)} → ${shownValue(attribute, attribute.after)}`;
  const effect = attribute.ignored
    ? ' (ignored: `lifecycle.ignore_changes`)'
    : attribute.effect === 'replace'
      ? ` **${attribute.note}**`
      : attribute.effect === 'caution'
        ? ` (${attribute.note})`
        : '';
  return `  - ${code(formatAttributePath(attribute.path))}: ${values}${effect}`;
}

function changedLines(resource: ChangedResource): string[] {
  const attributes = capped(
    resource.attributes.map(attributeLine),
    MAX_ATTRIBUTES_PER_RESOURCE,
    WHERE_THE_REST_IS,
  ).map((line) => (line.startsWith('- …') ? `  ${line}` : line));
  return [refLine(resource), ...attributes];
}

function list(heading: string, lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  return [`**${heading}**`, '', ...capped(lines, MAX_LINES_PER_LIST, WHERE_THE_REST_IS), ''];
}

function renderStack(diff: StackDiff): string[] {
  const status =
    diff.status === 'added' ? ' (new stack)' : diff.status === 'removed' ? ' (stack removed)' : '';
  const quiet = diff.unchanged > 0 ? [`${plural(diff.unchanged, 'resource')} unchanged.`, ''] : [];
  const body = [
    ...list(`Removed (${diff.removed.length})`, diff.removed.map(refLine)),
    ...list(
      `Changed (${diff.changed.length})`,
      diff.changed.flatMap((resource) => changedLines(resource)),
    ),
    ...list(`Added (${diff.added.length})`, diff.added.map(refLine)),
    ...list(
      `Moved (${diff.moved.length})`,
      diff.moved.map((m) => `- ${code(m.from)} → ${code(m.to)} (\`moved\` block: no destroy)`),
    ),
    ...list(`Forgotten (${diff.forgotten.length}, kept in AWS)`, diff.forgotten.map(refLine)),
  ];
  return [`### ${diff.stack}${status}`, '', ...body, ...quiet];
}

function hasDifferences(diff: StackDiff): boolean {
  return (
    diff.status !== 'changed' ||
    diff.added.length +
      diff.removed.length +
      diff.changed.length +
      diff.moved.length +
      diff.forgotten.length >
      0
  );
}

/** The whole comment. `base` and `head` are the folder names as given. */
export function renderSynthDiff(diff: SynthDiff, base: string, head: string, allowDestroy: boolean): string {
  const differing = diff.stacks.filter(hasDifferences);
  const rows = differing.map((s) => [
    s.stack + (s.status === 'changed' ? '' : ` (${s.status})`),
    String(s.added.length),
    String(s.removed.length),
    String(s.changed.length),
  ]);
  const overview =
    differing.length === 0
      ? [`No resource differs in any of the ${plural(diff.stacks.length, 'stack')}.`, '']
      : [table(['stack', 'added', 'removed', 'changed'], rows), ''];
  return [
    SYNTH_DIFF_MARKER,
    `## Synth diff: ${code(base)} → ${code(head)}`,
    '',
    'From `cdktf synth` alone (no credentials): what the code asks for, not what AWS has. The Terraform plan is the final word.',
    '',
    ...renderDangerSection(diff.dangers, allowDestroy),
    ...renderWarnings(diff.warnings),
    ...overview,
    ...differing.flatMap(renderStack),
  ].join('\n');
}
