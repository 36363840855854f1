/**
 * The `--prices` file of `npm run cost`: prices for every region (`default`) and per region, and the
 * region's monthly traffic, which overrides the configuration's `traffic` figures:
 *
 *   { "default": { "endpoint_hour": 0.011 },
 *     "regions": { "eu-west-3": { "resolver_ip_hour": 0.14, "queries_millions": 40, "transfer_gb": 900 } } }
 *
 * Every key of prices.ts can be given (an organization outside the `aws` partition should give them
 * all: China's prices are in CNY, GovCloud's differ). Problems are reported like configuration
 * problems (ConfigError), each with its path in the file.
 */
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { ConfigError, FILE_PATH, formatPath, quote } from "../config/config-error";
import { checkAgainst, NonNegativeNumber, PathIssue } from "../config/config-schema";
import type { TrafficConfig } from "../config/config-types";
import { DEFAULT_CURRENCY, DEFAULT_PRICES, PRICE_DESCRIPTIONS, PRICE_KEYS, PriceKey, Prices } from "./prices";

const priceFields = Object.fromEntries(
  PRICE_KEYS.map((key) => [key, NonNegativeNumber.describe(`USD, ${PRICE_DESCRIPTIONS[key]}.`).optional()]),
) as { [Key in PriceKey]: z.ZodOptional<typeof NonNegativeNumber> };

const PartialPrices = z.strictObject(priceFields);

const RegionPrices = PartialPrices.extend({
  queries_millions: NonNegativeNumber.describe(
    "DNS queries a month through the resolver endpoints, in millions; overrides traffic.queriesMillionsPerMonth.",
  ).optional(),
  transfer_gb: NonNegativeNumber.describe(
    "GB a month over the transit gateway; overrides traffic.transferGbPerMonth.",
  ).optional(),
});

const PricesFileSchema = z.strictObject({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, {
      error: (issue) =>
        `${quote(issue.input)} is not a currency code; expected three capital letters, e.g. "CNY"`,
    })
    .describe(
      `The currency of every price in the file, e.g. "CNY" for China's regions. Default: "${DEFAULT_CURRENCY}".`,
    )
    .optional(),
  default: PartialPrices.describe("Prices for every region.").optional(),
  regions: z
    .record(z.string(), RegionPrices)
    .describe("Prices and monthly traffic of one hub region, keyed by region code.")
    .optional(),
});

export type PricesFile = z.output<typeof PricesFileSchema>;

/** Monthly traffic figures a prices file sets for a region (absent: the configuration's). */
export type TrafficOverrides = Pick<TrafficConfig, "queriesMillionsPerMonth" | "transferGbPerMonth">;

/** Reads and checks a prices file; every region it names must be one of `hubRegions`. */
export function loadPricesFile(file: string, hubRegions: readonly string[]): PricesFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : `cannot read (${code ?? String(error)})`;
    throw new ConfigError(file, [
      { path: FILE_PATH, message: `${reason} ${quote(path.resolve(file))}; check the --prices path` },
    ]);
  }
  return parsePricesFile(text, file, hubRegions);
}

/** `source` names the text in messages (usually its file path). */
export function parsePricesFile(text: string, source: string, hubRegions: readonly string[]): PricesFile {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ConfigError(source, [
      { path: FILE_PATH, message: `invalid JSON: ${(error as Error).message}; expected a JSON object` },
    ]);
  }
  const checked = checkAgainst(PricesFileSchema, document);
  const issues = [...(checked.success ? [] : checked.issues), ...unknownRegions(document, hubRegions)];
  if (!checked.success || issues.length > 0) {
    throw new ConfigError(
      source,
      issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    );
  }
  return checked.data;
}

/**
 * Regions of the file that the configuration does not serve, read from the raw document so they are
 * reported along with the schema's problems.
 */
function unknownRegions(document: unknown, hubRegions: readonly string[]): PathIssue[] {
  const regions = isObject(document) && isObject(document.regions) ? Object.keys(document.regions) : [];
  return regions
    .filter((region) => !hubRegions.includes(region))
    .map((region) => ({
      path: ["regions", region],
      message: `${quote(region)} is not a hub region of the configuration; expected one of ${hubRegions.map(quote).join(", ")}`,
    }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The region's prices: the defaults, then the file's `default`, then the file's region entry. */
export function pricesFor(region: string, file: PricesFile | undefined): Prices {
  const regionEntry = file?.regions?.[region] ?? {};
  const overrides = (entry: Partial<Record<PriceKey, number>>) =>
    Object.fromEntries(PRICE_KEYS.filter((key) => entry[key] !== undefined).map((key) => [key, entry[key]]));
  return { ...DEFAULT_PRICES, ...overrides(file?.default ?? {}), ...overrides(regionEntry) };
}

/** The region's traffic figures that the file sets. */
export function trafficOverridesFor(region: string, file: PricesFile | undefined): TrafficOverrides {
  const entry = file?.regions?.[region];
  return {
    ...(entry?.queries_millions !== undefined ? { queriesMillionsPerMonth: entry.queries_millions } : {}),
    ...(entry?.transfer_gb !== undefined ? { transferGbPerMonth: entry.transfer_gb } : {}),
  };
}

/** The region's price keys that the file sets neither under `default` nor under the region. */
export function unpricedKeys(region: string, file: PricesFile | undefined): PriceKey[] {
  return PRICE_KEYS.filter(
    (key) => file?.default?.[key] === undefined && file?.regions?.[region]?.[key] === undefined,
  );
}
