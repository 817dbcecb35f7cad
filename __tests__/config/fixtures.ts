import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { ConfigIssue } from '../../config/issues';
import { validateEnvironmentFile } from '../../config/load';

/** A valid environment with only the required fields, as a file would hold it (before defaults). */
export function baseInput(): Record<string, unknown> {
  return {
    name: 'dev',
    account: { id: '111111111111' },
    region: 'eu-west-1',
    owner: 'platform-team',
    costCenter: 'cc-1001',
    repository: 'example-org/platform-infra',
    domain: { name: 'dev.example.com' },
    network: { cidr: '10.10.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b'] },
    service: {
      image: { repository: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/platform-api', tag: '1.4.2' },
    },
    budget: { monthlyLimitUsd: 400 },
  };
}

/**
 * A copy of `input` with the field at the dotted `at` set to `value` (deleted when `undefined`);
 * missing parents are created.
 */
export function withField(
  input: Record<string, unknown>,
  at: string,
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(input);
  const keys = at.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/** Applies several {@link withField} changes. */
export function withFields(
  input: Record<string, unknown>,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  return Object.entries(fields).reduce((acc, [at, value]) => withField(acc, at, value), input);
}

/** The file name the loader would give `<name>.yaml` in the default folder. */
export function fileFor(name: string, extension = '.yaml'): string {
  return path.join('config', 'environments', `${name}${extension}`);
}

/** Validates data written as YAML in the file named after its `name` (or `file`). */
export function validateData(data: unknown, file?: string): { issues: ConfigIssue[]; config?: unknown } {
  const name = (data as { name?: unknown }).name;
  return validateEnvironmentFile(file ?? fileFor(typeof name === 'string' ? name : 'dev'), stringify(data));
}

/** Creates a temporary folder with `files` (name to text); {@link removeTempDirs} deletes it. */
export function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'platform-config-'));
  created.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const created: string[] = [];

/** Deletes every folder {@link tempDir} made; call from `afterEach`. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** YAML text of an environment. */
export function yaml(data: unknown): string {
  return stringify(data);
}
