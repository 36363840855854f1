/** The verifier's report as a compact matrix (spoke x region x service) and as JSON. */
import type { Failure } from "./route53";
import type { Row, VerifyReport } from "./verify";

const NOT_SHARED = "-";
const OK = "ok";
/** Matrix lines shown in full; past them, lines where every name resolves collapse into a count. */
export const SCREEN_LINES = 40;
/** Failures listed; past them, a count of the rest. */
export const LISTED_FAILURES = 20;

/** The mechanism of every existing configuration: the matrix names mechanisms only when another one is used. */
const RULES_ONLY = "resolver-rules";

/**
 * A line per spoke and region, a column per service: `ok`, the first broken hop, or `-` where the
 * region does not share the service; then every failure. Past a screenful, only lines with a failure.
 * When some row is answered otherwise than by resolver rules, a column says which mechanism answered each
 * line's names (or was meant to).
 */
export function formatReport(report: VerifyReport): string {
  const lines = new Map<
    string,
    { stack: string; region: string; vpcs: Set<string>; mechanisms: Set<string>; cells: Map<string, string> }
  >();
  for (const row of report.rows) {
    const id = `${row.stack}\u0000${row.region}`;
    const line = lines.get(id) ?? {
      stack: row.stack,
      region: row.region,
      vpcs: new Set(),
      mechanisms: new Set(),
      cells: new Map(),
    };
    lines.set(id, line);
    line.vpcs.add(row.vpc);
    line.mechanisms.add(row.mechanism);
    if (!line.cells.has(row.service) || line.cells.get(row.service) === OK) {
      line.cells.set(row.service, row.failure?.hop ?? OK);
    }
  }
  const services = [...new Set(report.rows.map((r) => r.service))].sort();
  const all = [...lines.values()];
  const failing = all.filter((line) => [...line.cells.values()].some((cell) => cell !== OK));
  const shown = all.length <= SCREEN_LINES ? all : failing.slice(0, SCREEN_LINES);
  const withMechanism = report.rows.some((row) => row.mechanism !== RULES_ONLY);
  const table = [
    ["spoke", "region", ...(withMechanism ? ["mechanism"] : []), "vpcs", ...services],
    ...shown.map((line) => [
      line.stack,
      line.region,
      ...(withMechanism ? [[...line.mechanisms].sort().join(", ")] : []),
      String(line.vpcs.size),
      ...services.map((service) => line.cells.get(service) ?? NOT_SHARED),
    ]),
  ];
  const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
  const text = table.map((line) =>
    line
      .map((cell, column) => cell.padEnd(widths[column]))
      .join("  ")
      .trimEnd(),
  );
  if (shown.length < all.length) {
    const hiddenFailing = failing.length - shown.length;
    if (hiddenFailing > 0) text.push(`... and ${hiddenFailing} more spoke region(s) with failures`);
    text.push(
      `${all.length - failing.length} spoke region(s) where every name resolves are not shown (--json lists every row)`,
    );
  }
  const vpcs = all.reduce((sum, line) => sum + line.vpcs.size, 0);
  const summary =
    report.failures.length === 0
      ? `ok: ${report.resolutions} names resolved from ${vpcs} spoke vpc(s) to their hub endpoints`
      : `${report.failures.length} failure(s):`;
  const listed = report.failures.slice(0, LISTED_FAILURES).map((f) => `  [${f.hop}] ${f.stack}: ${f.reason}`);
  const more = report.failures.length - listed.length;
  return [
    ...text,
    "",
    summary,
    ...listed,
    ...(more > 0 ? [`  ... and ${more} more (--json lists every one)`] : []),
  ].join("\n");
}

export interface ReportJson {
  readonly ok: boolean;
  readonly resolutions: number;
  readonly failures: readonly Failure[];
  /** Each row with `result` (`ok` or the hop) and, when failing, `failure`: an index into `failures`. */
  readonly rows: readonly object[];
}

/** Every row, each failing one with the index of its failure in `failures`. */
export function reportJson(report: VerifyReport): ReportJson {
  const index = new Map<Failure, number>(report.failures.map((f, i) => [f, i]));
  return {
    ok: report.failures.length === 0,
    resolutions: report.resolutions,
    failures: report.failures,
    rows: report.rows.map(({ failure, ...row }: Row) =>
      failure ? { ...row, result: failure.hop, failure: index.get(failure) } : { ...row, result: OK },
    ),
  };
}

/** reportJson as text: indented, with one line per row (an organization has hundreds of thousands). */
export function formatJson(report: VerifyReport): string {
  const { rows, ...summary } = reportJson(report);
  const head = JSON.stringify(summary, null, 2).replace(/\n}$/, "");
  const lines = rows.map((row) => `    ${JSON.stringify(row)}`).join(",\n");
  return `${head},\n  "rows": [${rows.length > 0 ? `\n${lines}\n  ` : ""}]\n}`;
}
