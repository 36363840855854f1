/**
 * Writes config/schema.json from the zod schema in src/config/config-schema.ts, so editors complete
 * and check configuration files that start with `"$schema": "./schema.json"`.
 *
 *   npm run config:schema
 *
 * test/config/config-schema.test.ts fails when the committed file is out of date.
 */
import * as fs from "fs";
import * as path from "path";
import { CommandDefinition, runCommand } from "../src/cli/command";
import { configJsonSchemaText } from "../src/config/config-schema";

export const CONFIG_SCHEMA_PATH = path.join(__dirname, "..", "config", "schema.json");

export const CONFIG_SCHEMA_COMMAND: CommandDefinition<Record<string, never>> = {
  usage: [
    "usage: npm run config:schema",
    "  writes config/schema.json, the JSON Schema of configuration files, from src/config/config-schema.ts",
  ].join("\n"),
  options: {},
  run: (_, output) => {
    fs.writeFileSync(CONFIG_SCHEMA_PATH, configJsonSchemaText());
    output.out(`wrote ${path.relative(process.cwd(), CONFIG_SCHEMA_PATH)}\n`);
  },
};

if (require.main === module) process.exitCode = runCommand(CONFIG_SCHEMA_COMMAND, process.argv.slice(2));
