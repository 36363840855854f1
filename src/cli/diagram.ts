/**
 * `npm run diagram [-- --config <file>] [--out <file>]`: the configuration's topology as a Mermaid
 * flowchart, on stdout or into a file.
 */
import {
  CONFIG_OPTION,
  CONFIG_OPTION_USAGE,
  CommandDefinition,
  displayPath,
  loadConfigOption,
  runCommand,
  writeOutputFile,
} from "./command";
import { topologyDiagram } from "../diagram/topology-diagram";

const options = { ...CONFIG_OPTION, out: { type: "string" } } as const;

export const DIAGRAM_COMMAND: CommandDefinition<typeof options> = {
  usage: [
    "usage: npm run diagram -- [--config <file>] [--out <file>]",
    CONFIG_OPTION_USAGE,
    "  --out <file>     write the Mermaid diagram there instead of stdout",
  ].join("\n"),
  options,
  valueNames: { config: "<file>", out: "<file>" },
  run: (values, output) => {
    const diagram = topologyDiagram(loadConfigOption(values.config).config);
    if (values.out === undefined) {
      output.out(diagram);
      return;
    }
    output.out(`wrote ${displayPath(writeOutputFile(values.out, diagram, "--out"))}\n`);
  },
};

if (require.main === module) process.exitCode = runCommand(DIAGRAM_COMMAND, process.argv.slice(2));
