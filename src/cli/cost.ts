/**
 * `npm run cost [-- --config <file>] [--json] [--prices <file>]`: what the configuration's endpoints
 * cost per month when every spoke VPC keeps its own (baseline) and when the hub serves them with each
 * region's configured mechanism (centralized), from how many spoke VPCs the hub pays off, whether the
 * resolver endpoints answer the expected peak of queries; and the planner: every mechanism's cost per
 * region, which ones AWS's quotas and the capacity rule out, the cheapest, and where that changes.
 */
import {
  CONFIG_OPTION,
  CONFIG_OPTION_USAGE,
  CommandDefinition,
  loadConfigOption,
  runCommand,
} from "./command";
import { estimateCosts } from "../cost/cost-estimate";
import { costJson, formatCostReport } from "../cost/cost-report";
import { loadPricesFile } from "../cost/prices-file";

const options = {
  ...CONFIG_OPTION,
  json: { type: "boolean" },
  prices: { type: "string" },
} as const;

export const COST_COMMAND: CommandDefinition<typeof options> = {
  usage: [
    "usage: npm run cost -- [--config <file>] [--json] [--prices <file>]",
    CONFIG_OPTION_USAGE,
    "  --json           print the estimate and the plan as JSON",
    '  --prices <file>  prices and monthly traffic: { "currency": "USD", "default": {...}, "regions": { "<region>": {...} } };',
    "                   its queries_millions and transfer_gb override the configuration's traffic",
  ].join("\n"),
  options,
  valueNames: { config: "<file>", prices: "<file>" },
  run: (values, output) => {
    const { config, source } = loadConfigOption(values.config);
    const pricesFile =
      values.prices === undefined
        ? undefined
        : loadPricesFile(values.prices, Object.keys(config.hub.regions));
    const estimate = estimateCosts(config, pricesFile);
    output.out(
      values.json
        ? `${JSON.stringify(costJson(estimate), null, 2)}\n`
        : `${formatCostReport(estimate, source)}\n`,
    );
  },
};

if (require.main === module) process.exitCode = runCommand(COST_COMMAND, process.argv.slice(2));
