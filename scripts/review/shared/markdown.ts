/**
 * Markdown helpers for the review comments: GitHub-flavoured Markdown that stays one line per table
 * row, never lets a value break out of its cell or code span, and keeps long values short.
 */

/** The hidden first line a workflow looks for to update its own comment instead of adding one. */
export function commentMarker(tool: string): string {
  return `<!-- ${tool} -->`;
}

/** Cuts `text` to `max` characters (an ellipsis marks the cut) and folds it onto one line. */
export function shorten(text: string, max = 80): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ');
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, Math.max(1, max - 1))}…`;
}

/** A value as a reviewer reads it: strings quoted, the rest as JSON, `(unset)` when absent; shortened. */
export function formatValue(value: unknown, max = 60): string {
  if (value === undefined) return '(unset)';
  return shorten(JSON.stringify(value) ?? String(value), max);
}

/** Inline code that survives backticks inside the text. */
export function code(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A table cell: one line, pipes escaped (GitHub honours `\|` inside code spans in tables too). */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** A table; every cell goes through {@link cell}. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** `1 resource`, `2 resources`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * The first `max` lines of a list, then one line saying how many were left out and where to see
 * them: a PR comment has a size limit (65,536 characters) that a large plan would exceed.
 */
export function capped(lines: readonly string[], max: number, whereTheRestIs: string): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `- …and ${lines.length - max} more (${whereTheRestIs})`];
}
