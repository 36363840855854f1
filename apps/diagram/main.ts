/**
 * `npm run diagram [-- --config <file>] [--out <file>]`: the configuration's topology as a Mermaid
 * flowchart, on stdout or into a file.
 */
import * as fs from "fs";
import {
  CONFIG_OPTION,
  CONFIG_OPTION_USAGE,
  CommandDefinition,
  displayPath,
  loadConfigOption,
  runCommand,
} from "../cost/command";
import { topologyDiagram } from "./topology-diagram";

const options = { ...CONFIG_OPTION, out: { type: "string" } } as const;

export const DIAGRAM_COMMAND: CommandDefinition<typeof options> = {
  usage: [
    "usage: npm run diagram -- [--config <file>] [--out <file>]",
    CONFIG_OPTION_USAGE,
    "  --out <file>     write the Mermaid diagram there instead of stdout",
  ].join("\n"),
  options,
  run: (values, output) => {
    const diagram = topologyDiagram(loadConfigOption(values.config).config);
    if (values.out === undefined) {
      output.out(diagram);
      return;
    }
    fs.writeFileSync(values.out, diagram);
    output.out(`wrote ${displayPath(values.out)}\n`);
  },
};

if (require.main === module) process.exitCode = runCommand(DIAGRAM_COMMAND, process.argv.slice(2));
