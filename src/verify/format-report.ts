/** The verifier's report as a compact matrix (spoke x region x service) and as JSON. */
import type { VerifyReport } from "./verify";

const NOT_EXPECTED = "-";
const OK = "ok";

/** Cells: `ok`, the first broken hop, or `-` where the spoke does not expect the service; then every failure. */
export function formatReport(report: VerifyReport): string {
  const services = [...new Set(report.rows.flatMap((row) => Object.keys(row.cells)))].sort();
  const table = [
    ["spoke", "region", "vpcs", ...services],
    ...report.rows.map((row) => [
      row.stack,
      row.region,
      String(row.vpcs.length),
      ...services.map((service) => {
        const cell = row.cells[service];
        return cell === undefined ? NOT_EXPECTED : cell === null ? OK : cell.hop;
      }),
    ]),
  ];
  const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
  const lines = table.map((line) =>
    line
      .map((cell, column) => cell.padEnd(widths[column]))
      .join("  ")
      .trimEnd(),
  );
  const vpcs = report.rows.reduce((sum, row) => sum + row.vpcs.length, 0);
  const summary =
    report.failures.length === 0
      ? `ok: ${report.resolutions} names resolved from ${vpcs} spoke vpc(s) to their hub endpoints`
      : `${report.failures.length} failure(s):`;
  const failures = report.failures.map((f) => `  [${f.hop}] ${f.stack} ${f.address}: ${f.reason}`);
  return [...lines, "", summary, ...failures].join("\n");
}

export function reportJson(report: VerifyReport): object {
  return {
    ok: report.failures.length === 0,
    resolutions: report.resolutions,
    rows: report.rows.map((row) => ({
      ...row,
      cells: Object.fromEntries(
        Object.entries(row.cells).map(([service, cell]) => [service, cell === null ? OK : cell.hop]),
      ),
    })),
    failures: report.failures,
  };
}
