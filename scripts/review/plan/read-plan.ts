/**
 * Reads a `terraform show -json` plan file and checks it is one, so that a wrong file (the binary
 * plan, a state, an empty file) gives a clear message naming it instead of a "safe" summary.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ReviewInputError } from '../shared';
import type { PlanJson } from './plan-json';

const HOW_TO_MAKE_ONE =
  'make one with `terraform show -json plan.bin > <stack>.json` after `terraform plan -out=plan.bin`';

/** `prod-data.json`, `prod-data.plan.json` and `prod-data.tfplan.json` all name the stack `prod-data`. */
export function stackNameFromFile(file: string): string {
  const name = path
    .basename(file)
    .replace(/\.json$/i, '')
    .replace(/\.(tf)?plan$/i, '');
  if (name === '') {
    throw new ReviewInputError(`${file}: cannot tell the stack from this file name; pass --stack <name>`);
  }
  return name;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (error as NodeJS.ErrnoException).code === 'EISDIR'
          ? 'a folder, not a file'
          : (error as Error).message;
    throw new ReviewInputError(`${file}: cannot read the plan: ${reason}\n  hint: ${HOW_TO_MAKE_ONE}`);
  }
}

function parseJson(file: string, text: string): unknown {
  // The binary plan file is a zip archive ("PK"): a common mix-up worth its own message.
  if (text.startsWith('PK')) {
    throw new ReviewInputError(
      `${file}: this is a binary plan file, not JSON\n  hint: convert it with \`terraform show -json ${path.basename(file)} > plan.json\``,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = text.trim() === '' ? 'the file is empty' : (error as Error).message;
    throw new ReviewInputError(`${file}: not JSON (${detail})\n  hint: ${HOW_TO_MAKE_ONE}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks each `resource_changes[i]` has what the summary reads; names the first bad entry. */
function checkResourceChanges(file: string, changes: unknown): void {
  if (changes === undefined) return;
  if (!Array.isArray(changes)) {
    throw new ReviewInputError(`${file}: resource_changes is not a list\n  hint: ${HOW_TO_MAKE_ONE}`);
  }
  changes.forEach((entry: unknown, index) => {
    const where = `${file}: resource_changes[${index}]`;
    if (!isObject(entry)) throw new ReviewInputError(`${where} is not an object`);
    for (const key of ['address', 'mode', 'type', 'name'] as const) {
      if (typeof entry[key] !== 'string') {
        throw new ReviewInputError(
          `${where}.${key} is missing or not a string, value: ${JSON.stringify(entry[key])}`,
        );
      }
    }
    const actions = isObject(entry.change) ? entry.change.actions : undefined;
    if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a) => typeof a === 'string')) {
      throw new ReviewInputError(
        `${where} (${String(entry.address)}): change.actions must be a non-empty list of strings, value: ${JSON.stringify(actions)}`,
      );
    }
  });
}

/** Reads and checks one plan file; throws {@link ReviewInputError} naming the file when it is not a plan. */
export function readPlanFile(file: string): PlanJson {
  const json = parseJson(file, readText(file));
  if (!isObject(json) || typeof json.format_version !== 'string') {
    throw new ReviewInputError(
      `${file}: not a Terraform plan (no format_version)\n  hint: ${HOW_TO_MAKE_ONE}`,
    );
  }
  const major = json.format_version.split('.')[0];
  if (major !== '1') {
    throw new ReviewInputError(
      `${file}: unsupported plan format_version ${JSON.stringify(json.format_version)} (this tool reads 1.x)`,
    );
  }
  if (json.values !== undefined && json.planned_values === undefined && json.resource_changes === undefined) {
    throw new ReviewInputError(
      `${file}: this is a state, not a plan (\`terraform show -json\` was run without a plan file)\n  hint: ${HOW_TO_MAKE_ONE}`,
    );
  }
  if (json.planned_values === undefined && json.resource_changes === undefined) {
    throw new ReviewInputError(
      `${file}: not a Terraform plan (no planned_values or resource_changes)\n  hint: ${HOW_TO_MAKE_ONE}`,
    );
  }
  checkResourceChanges(file, json.resource_changes);
  return json as unknown as PlanJson;
}
