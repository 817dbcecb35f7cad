import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './script-harness';

/** The folder GitHub reads workflows from. */
export const WORKFLOWS_DIR = path.join(ROOT, '.github', 'workflows');

/** One step of a job, as written. */
export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}

/** One job, as written: either runs steps (`runs-on`) or calls a reusable workflow (`uses`). */
export interface Job {
  readonly 'runs-on'?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly needs?: string | string[];
  readonly if?: string;
  readonly permissions?: Record<string, string> | string;
  readonly 'timeout-minutes'?: number;
  readonly environment?: string | { name: string; url?: string };
  readonly concurrency?: string | { group: string; 'cancel-in-progress'?: boolean };
  readonly env?: Record<string, string>;
  readonly steps?: Step[];
}

/** A workflow file, as written. */
export interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string> | string;
  readonly concurrency?: Job['concurrency'];
  readonly env?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

/** A workflow file: its name, text and parsed content. */
export interface WorkflowFile {
  /** File name, e.g. `deploy.yml`. */
  readonly file: string;
  readonly text: string;
  readonly workflow: Workflow;
}

/** Every workflow in `.github/workflows`. */
export function workflowFiles(): WorkflowFile[] {
  return readdirSync(WORKFLOWS_DIR)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8');
      return { file, text, workflow: parse(text) as Workflow };
    });
}

/** The workflow in `file`; fails the test when it does not exist. */
export function workflow(file: string): Workflow {
  const found = workflowFiles().find((w) => w.file === file);
  if (!found) throw new Error(`no workflow ${file} in .github/workflows`);
  return found.workflow;
}

/** The workflow file a job calls, when it calls a local reusable workflow (`uses: ./.github/workflows/x.yml`). */
export function calledWorkflow(job: Job): string | undefined {
  const match = /^\.\/\.github\/workflows\/([^/@]+)$/.exec(job.uses ?? '');
  return match?.[1];
}

/** A job's `needs` as a list. */
export function needsOf(job: Job): string[] {
  if (job.needs === undefined) return [];
  return Array.isArray(job.needs) ? job.needs : [job.needs];
}

/** Every job that `job` waits for, directly or not. */
export function ancestorsOf(jobs: Record<string, Job>, job: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    for (const need of needsOf(jobs[name])) {
      if (!seen.has(need)) {
        seen.add(need);
        visit(need);
      }
    }
  };
  visit(job);
  return seen;
}

/** A job's permissions as a map (`{}` for none). */
export function permissionsOf(job: Job | Workflow): Record<string, string> {
  if (job.permissions === undefined) return {};
  if (typeof job.permissions === 'string') {
    throw new Error(`permissions: ${job.permissions} is too broad: list each scope`);
  }
  return job.permissions;
}
