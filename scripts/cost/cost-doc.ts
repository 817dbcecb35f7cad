import * as path from 'node:path';
import { EstimateError } from './synth-output';

/** Where the estimate is written. */
export const COST_DOC = path.join(__dirname, '..', '..', 'help', 'cost.md');

/**
 * The markers around the generated part of help/cost.md; everything else in it is written by hand.
 * Prettier leaves the part alone (its range ignore), so `prettier --check` and the generator agree.
 */
export const GENERATED_START =
  '<!-- prettier-ignore-start -->\n<!-- generated:start: written by scripts/cost/estimate.ts (npm run cost); edit prices.ts, not this -->';
export const GENERATED_END = '<!-- generated:end -->\n<!-- prettier-ignore-end -->';

/** The document with its generated part replaced by `generated`. */
export function spliceGenerated(doc: string, generated: string, file = COST_DOC): string {
  const start = doc.indexOf(GENERATED_START);
  const end = doc.indexOf(GENERATED_END);
  if (start < 0 || end < start) {
    throw new EstimateError(
      `${file} has no generated part: it needs the lines\n${GENERATED_START}\nand, below them, the lines\n${GENERATED_END}`,
    );
  }
  return `${doc.slice(0, start + GENERATED_START.length)}\n\n${generated}\n\n${doc.slice(end)}`;
}
