import { CHECK_IDS } from './checks';
import type { SmokeReport } from './run';

const ID_WIDTH = Math.max(...CHECK_IDS.map((id) => id.length));

/** One line per check (`PASS  health  200 in 41 ms`), then a summary line. */
export function formatHuman(report: SmokeReport): string {
  const lines = report.checks.map(
    (check) => `${check.status.toUpperCase().padEnd(4)}  ${check.id.padEnd(ID_WIDTH)}  ${check.detail}`,
  );
  const { url, pass, warn, fail, skip, durationMs } = report.summary;
  const counts = [`${pass} passed`, `${warn} warned`, `${fail} failed`, skip > 0 && `${skip} skipped`];
  lines.push('', `smoke ${url}: ${counts.filter(Boolean).join(', ')} in ${(durationMs / 1000).toFixed(1)} s`);
  return `${lines.join('\n')}\n`;
}

/** `{"checks": [{"id", "status", "detail"}], "summary": {...}}`, statuses lowercase. */
export function formatJson(report: SmokeReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** 0 when no check failed (warnings allowed), 1 otherwise. */
export function exitCode(report: SmokeReport): number {
  return report.summary.ok ? 0 : 1;
}
