import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** A plan fixture in __tests__/review/fixtures. */
export function fixture(name: string): string {
  return path.join(__dirname, 'fixtures', name);
}

/** A fresh temporary folder, and a function that removes it. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Synthesized stack JSON, as much of it as a test needs. */
export type StackJson = Record<string, unknown>;

/** Writes a cdktf output folder (`<dir>/stacks/<stack>/cdk.tf.json`) and returns `dir`. */
export function writeSynthOutput(dir: string, stacks: Record<string, StackJson>): string {
  for (const [name, json] of Object.entries(stacks)) {
    mkdirSync(path.join(dir, 'stacks', name), { recursive: true });
    writeFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json, null, 2));
  }
  mkdirSync(path.join(dir, 'stacks'), { recursive: true });
  return dir;
}

/** A stack with these resources (`{ type: { name: arguments } }`) and cdktf-like metadata. */
export function stackJson(
  stack: string,
  resources: Record<string, Record<string, Record<string, unknown>>>,
  extra: StackJson = {},
): StackJson {
  const withMetadata = Object.fromEntries(
    Object.entries(resources).map(([type, byName]) => [
      type,
      Object.fromEntries(
        Object.entries(byName).map(([name, body]) => [
          name,
          { '//': { metadata: { path: `${stack}/${name}`, uniqueId: name } }, ...body },
        ]),
      ),
    ]),
  );
  return {
    '//': { metadata: { backend: 's3', stackName: stack, version: '0.21.0' } },
    terraform: { backend: { s3: { bucket: 'platform-tfstate', key: `${stack}.tfstate`, encrypt: true } } },
    resource: withMetadata,
    ...extra,
  };
}

/**
 * The rows of the DANGER table (each row's cells), empty when there is no DANGER section: lets a
 * test check what is flagged, not just that a word appears somewhere.
 */
export function dangerRows(markdown: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith('### ⛔ DANGER'));
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 4)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

/** The lines of the section under `**<heading> (n)**` in a stack's part of the report. */
export function listUnder(markdown: string, stack: string, heading: string): string[] {
  const stackStart = markdown.indexOf(`\n### ${stack}`);
  if (stackStart < 0) return [];
  const rest = markdown.slice(stackStart + 1);
  const stackEnd = rest.indexOf('\n### ', 1);
  const section = stackEnd < 0 ? rest : rest.slice(0, stackEnd);
  const lines = section.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`**${heading} (`));
  if (start < 0) return [];
  const items: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (line === '') break;
    items.push(line);
  }
  return items;
}
