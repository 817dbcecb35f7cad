import { GroupEstimate } from './estimate-groups';
import { LineItem } from './line-items';
import { ASSUMPTIONS, HOURS_PER_MONTH, Price, RegionPrices } from './prices';

/** Knobs listed per environment. */
const KNOBS_SHOWN = 6;

/** USD with cents and thousands separators, e.g. `1,234.50`. */
export function usd(value: number): string {
  const cents = Math.round(value * 100) / 100;
  const [whole, fraction] = Math.abs(cents).toFixed(2).split('.');
  return `${cents < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** A signed USD delta, e.g. `+70.08` or `-35.04`. */
function delta(value: number): string {
  return value > 0 ? `+${usd(value)}` : usd(value);
}

/** A unit price as written in the price table, without float noise: `0.0144`, not `0.014400000000000001`. */
function unitUsd(value: number): string {
  return String(Number(value.toFixed(6)));
}

function quantity(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
}

function sourceCell(price: Price): string {
  const label = price.source.replace(/^https:\/\/aws\.amazon\.com\//, '').replace(/\/$/, '');
  return `${price.taken}, [${label}](${price.source})${price.confirmed ? '' : ', estimate'}`;
}

function itemRow(item: LineItem): string {
  const unit = `$${unitUsd(item.price.usd)} per ${item.price.unit}${item.unitsText ? ` ${item.unitsText}` : ''}`;
  return `| ${item.resource} | ${quantity(item.count)} | ${unit} | ${sourceCell(item.price)} | ${usd(item.monthlyUsd)} |`;
}

function title(estimate: GroupEstimate): string {
  return estimate.group.accountLevel ? `${estimate.group.name}, account-level` : estimate.group.name;
}

function summary(estimates: readonly GroupEstimate[]): string[] {
  return [
    '| Environment | Region | Monthly USD |',
    '| --- | --- | ---: |',
    ...estimates.map((e) => `| [${title(e)}](#${anchor(e)}) | ${e.group.region} | ${usd(e.totalUsd)} |`),
  ];
}

function heading(estimate: GroupEstimate): string {
  return `${title(estimate)} (${estimate.group.region})`;
}

/** The anchor GitHub gives a heading. */
function anchor(estimate: GroupEstimate): string {
  return heading(estimate)
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}

function groupSection(estimate: GroupEstimate): string[] {
  const lines = [
    `### ${heading(estimate)}`,
    '',
    `Stacks: ${estimate.group.stacks.map((s) => `\`${s.name}\``).join(', ')}.`,
    '',
    '| Resource | Count | Unit price | Price taken, source | Monthly USD |',
    '| --- | ---: | --- | --- | ---: |',
    ...estimate.items.map(itemRow),
    `| **Total** | | | | **${usd(estimate.totalUsd)}** |`,
  ];
  if (estimate.knobs.length > 0) {
    lines.push(
      '',
      `The knobs that change it most (a change at a time, against the total above):`,
      '',
      '| Change | Monthly USD | Trade-off |',
      '| --- | ---: | --- |',
      ...estimate.knobs.slice(0, KNOBS_SHOWN).map((k) => `| ${k.change} | ${delta(k.monthlyUsd)} | ${k.tradeOff} |`), // prettier-ignore
    );
  }
  return lines;
}

function priceTable(region: string, prices: RegionPrices): string[] {
  const flat: [string, Price][] = Object.entries(prices).flatMap(([key, value]) =>
    'usd' in value
      ? [[key, value as Price]]
      : Object.entries(value as Record<string, Price>).map(([name, p]): [string, Price] => [
          `${key} ${name}`,
          p,
        ]),
  );
  return [
    `### Prices used (${region})`,
    '',
    '| Price | USD | Per | Taken | Source | Status |',
    '| --- | ---: | --- | --- | --- | --- |',
    ...flat.map(
      ([key, p]) =>
        `| \`${key}\` | ${unitUsd(p.usd)} | ${p.unit} | ${p.taken} | ${p.source} | ${p.confirmed ? 'confirmed' : 'estimate'}${p.note ? `: ${p.note}` : ''} |`,
    ),
  ];
}

function assumptions(): string[] {
  return [
    '### Assumptions',
    '',
    `- ${HOURS_PER_MONTH} hours in a month; everything runs all month, on demand (no Savings Plans or reserved instances).`,
    ...Object.entries(ASSUMPTIONS).map(
      ([key, a]) => `- \`${key}\`: ${a.value.toLocaleString('en-US')} ${a.text}.`,
    ),
  ];
}

/** The generated part of help/cost.md: a summary, a section per environment, the prices and assumptions. */
export function renderEstimates(estimates: readonly GroupEstimate[]): string {
  const regions = [...new Map(estimates.map((e) => [e.group.region, e.prices]))].sort(([a], [b]) => a.localeCompare(b, 'en')); // prettier-ignore
  return [
    ...summary(estimates),
    ...estimates.flatMap((e) => ['', ...groupSection(e)]),
    ...regions.flatMap(([region, prices]) => ['', ...priceTable(region, prices)]),
    '',
    ...assumptions(),
  ].join('\n');
}
