/** Formatting for reports that people read: money, counts and aligned tables. */

/** `1234.567` -> `$1,234.57`; `-221.5` -> `-$221.50`; in CNY `CN¥1,234.57`. */
export function money(amount: number, currency: string): string {
  const format = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  // Rounding first keeps -0.001 from printing as "-$0.00".
  return format.format(roundToCents(amount) + 0);
}

export function usd(amount: number): string {
  return money(amount, "USD");
}

export function roundToCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** `12500` -> `12,500`; `0.25` -> `0.25`. */
export function count(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** `1 VPC`, `3 VPCs`. */
export function plural(value: number, noun: string): string {
  return `${count(value)} ${noun}${value === 1 ? "" : "s"}`;
}

export interface Column {
  readonly header: string;
  /** Numbers read best right-aligned. Default: left. */
  readonly align?: "left" | "right";
}

/** Columns padded to their widest cell, two spaces apart, no trailing spaces. */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? "";
        return column.align === "right" ? cell.padStart(widths[i]) : cell.padEnd(widths[i]);
      })
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map((row) => line(row))].join("\n");
}
