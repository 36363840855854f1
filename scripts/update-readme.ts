/**
 * Regenerates the README's generated blocks from config/example.json: the cost report
 * (`npm run cost`, default prices) and the topology diagram (`npm run diagram`); and from
 * config/example-mechanisms.json the first table of its cost report (each region priced with its
 * configured mechanism); each between its `<!-- <name>:begin -->` and `<!-- <name>:end -->` markers.
 *
 *   npm run docs
 *
 * test/cost/readme-blocks.test.ts fails when the committed README is out of date.
 */
import * as fs from "fs";
import * as path from "path";
import { CommandDefinition, runCommand } from "../src/cli/command";
import { loadConfig } from "../src/config/load-config";
import { estimateCosts } from "../src/cost/cost-estimate";
import { formatConfiguredCosts, formatCostReport } from "../src/cost/cost-report";
import { topologyDiagram } from "../src/diagram/topology-diagram";

const REPO_ROOT = path.join(__dirname, "..");
export const README_PATH = path.join(REPO_ROOT, "README.md");
/** The example as the README names it. */
const EXAMPLE = "config/example.json";
const MECHANISMS_EXAMPLE = "config/example-mechanisms.json";

/** Each block's content, keyed by its marker name. */
export function readmeBlocks(): Record<string, string> {
  const config = loadConfig(path.join(REPO_ROOT, EXAMPLE));
  const mechanisms = estimateCosts(loadConfig(path.join(REPO_ROOT, MECHANISMS_EXAMPLE)));
  return {
    cost: fenced("text", `$ npm run cost\n${formatCostReport(estimateCosts(config), EXAMPLE)}\n`),
    "cost-mechanisms": fenced(
      "text",
      `$ npm run cost -- --config ${MECHANISMS_EXAMPLE}   # its first part\n${formatConfiguredCosts(mechanisms, MECHANISMS_EXAMPLE)}\n`,
    ),
    diagram: fenced("mermaid", topologyDiagram(config)),
  };
}

/** `readme` with every block replaced; throws when a block's markers are missing. */
export function withBlocks(readme: string, blocks: Record<string, string>): string {
  return Object.entries(blocks).reduce((text, [name, content]) => {
    const begin = `<!-- ${name}:begin -->`;
    const end = `<!-- ${name}:end -->`;
    const from = text.indexOf(begin);
    const to = text.indexOf(end, from);
    if (from < 0 || to < 0) throw new Error(`README.md has no "${begin}" ... "${end}" block`);
    return `${text.slice(0, from + begin.length)}\n${content}${text.slice(to)}`;
  }, readme);
}

function fenced(language: string, body: string): string {
  return `\`\`\`${language}\n${body}\`\`\`\n`;
}

export const DOCS_COMMAND: CommandDefinition<Record<string, never>> = {
  usage: [
    "usage: npm run docs",
    "  regenerates the README's generated blocks (cost tables, topology diagram) from config/example.json and config/example-mechanisms.json",
  ].join("\n"),
  options: {},
  run: (_, output) => {
    const current = fs.readFileSync(README_PATH, "utf8");
    const updated = withBlocks(current, readmeBlocks());
    if (updated === current) {
      output.out("README.md is up to date\n");
    } else {
      fs.writeFileSync(README_PATH, updated);
      output.out("updated README.md\n");
    }
  },
};

if (require.main === module) process.exitCode = runCommand(DOCS_COMMAND, process.argv.slice(2));
