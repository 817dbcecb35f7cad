/**
 * Estimates the monthly AWS cost of every synthesized environment and writes the tables into
 * help/cost.md (between its generated markers). Run after a synth:
 *
 *   npm run synth && npm run --silent cost
 *
 * Usage: estimate.ts [synth output folder] [--check]
 *   folder   default: $CDKTF_OUTDIR, else cdktf.out
 *   --check  write nothing; exit 1 when help/cost.md is not what the synth output gives
 *
 * The same input gives the same file, byte for byte.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { COST_DOC, spliceGenerated } from './cost-doc';
import { estimateStacks } from './estimate-groups';
import { renderEstimates, usd } from './render';
import { EstimateError, readSynthOutput } from './synth-output';

const USAGE = 'usage: estimate.ts [synth output folder, default cdktf.out] [--check]';

function main(args: string[]): number {
  const check = args.includes('--check');
  const rest = args.filter((a) => a !== '--check');
  const unknown = rest.filter((a) => a.startsWith('-'));
  if (unknown.length > 0 || rest.length > 1) {
    throw new EstimateError(`unexpected argument ${[...unknown, ...rest.slice(1)].join(' ')}\n${USAGE}`);
  }
  const outdir = path.resolve(rest[0] ?? (process.env.CDKTF_OUTDIR || 'cdktf.out'));
  const estimates = estimateStacks(readSynthOutput(outdir));
  const current = readFileSync(COST_DOC, 'utf8');
  const updated = spliceGenerated(current, renderEstimates(estimates));
  const totals = estimates.map((e) => `${e.group.name} $${usd(e.totalUsd)}`).join(', ');
  const doc = path.relative(process.cwd(), COST_DOC);
  if (check) {
    if (updated !== current) {
      process.stderr.write(`${doc} is not up to date with ${outdir}: run \`npm run --silent cost\` and commit it\n`); // prettier-ignore
      return 1;
    }
    process.stdout.write(`${doc} is up to date (${totals})\n`);
    return 0;
  }
  if (updated !== current) writeFileSync(COST_DOC, updated);
  process.stdout.write(`${doc} ${updated === current ? 'unchanged' : 'written'}: ${totals} a month\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof EstimateError) {
    // The input's fault: say what and where, no stack trace.
    process.stderr.write(`cost estimate: ${error.message}\n`);
  } else {
    const detail = process.env.DEBUG ? (error as Error).stack : (error as Error).message;
    process.stderr.write(`cost estimate failed: ${detail}\n${process.env.DEBUG ? '' : '(set DEBUG=1 for the stack trace)\n'}`); // prettier-ignore
  }
  process.exitCode = 1;
}
