/** One TypeScript block of a help page. */
export interface DocExample {
  /** File-safe name: the heading it sits under, numbered when a heading has several blocks. */
  readonly slug: string;
  /** The block's code. */
  readonly source: string;
  /**
   * `program`: a whole app (it creates its own `App`). `snippet`: code that uses `stack`, a
   * `TerraformStack` with an AWS provider, as the page says.
   */
  readonly kind: 'program' | 'snippet';
  /** False for blocks fenced as ```` ```ts compile-only ````: type-checked, never run (they read files). */
  readonly runnable: boolean;
}

const FENCE = /^```ts( compile-only)?\s*$/;

/** Every ```` ```ts ```` block of a Markdown page, in order. */
export function extractExamples(markdown: string): DocExample[] {
  const examples: DocExample[] = [];
  const perHeading = new Map<string, number>();
  let heading = 'top';
  let block: { lines: string[]; runnable: boolean } | undefined;
  for (const line of markdown.split('\n')) {
    if (block) {
      if (line.trim() === '```') {
        const count = (perHeading.get(heading) ?? 0) + 1;
        perHeading.set(heading, count);
        const source = `${block.lines.join('\n')}\n`;
        examples.push({
          slug: count === 1 ? heading : `${heading}-${count}`,
          source,
          kind: /\bnew App\(/.test(source) ? 'program' : 'snippet',
          runnable: block.runnable,
        });
        block = undefined;
      } else {
        block.lines.push(line);
      }
      continue;
    }
    const title = /^#{1,4} (.+)$/.exec(line);
    if (title)
      heading = title[1]
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
    const fence = FENCE.exec(line);
    if (fence) block = { lines: [], runnable: fence[1] === undefined };
  }
  if (block) throw new Error(`unclosed \`\`\`ts block under the heading '${heading}'`);
  return examples;
}

/**
 * `src/examples/harness.ts` of the consumer: gives each snippet its `stack` (own app, own output
 * folder under `EXAMPLES_OUTDIR`), and synthesizes them all at the end.
 */
export const HARNESS_SOURCE = `import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import * as path from 'node:path';

const apps: App[] = [];

export function exampleStack(name: string): TerraformStack {
  const outdir = process.env.EXAMPLES_OUTDIR;
  if (!outdir) throw new Error('EXAMPLES_OUTDIR is not set');
  const app = new App({ outdir: path.join(outdir, name) });
  apps.push(app);
  const stack = new TerraformStack(app, name);
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  return stack;
}

export function synthExamples(): void {
  for (const app of apps) app.synth();
}
`;

/** `src/examples/run-snippets.ts`: loads the compiled snippets named on the command line, then synthesizes them. */
export const RUNNER_SOURCE = `import * as path from 'node:path';
import { synthExamples } from './harness';

for (const file of process.argv.slice(2)) require(path.resolve(file));
synthExamples();
`;

/** The consumer source of an example: a snippet gets its \`stack\` from the harness first. */
export function exampleFile(example: DocExample): string {
  if (example.kind === 'program') return example.source;
  return `import { exampleStack } from './harness';\nconst stack = exampleStack('${example.slug}');\n${example.source}`;
}
