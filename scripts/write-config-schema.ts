/**
 * Writes config/schema.json from the zod schema in src/config/config-schema.ts, so editors complete
 * and check configuration files that start with `"$schema": "./schema.json"`.
 *
 *   npx ts-node --swc scripts/write-config-schema.ts
 *
 * test/config/config-schema.test.ts fails when the committed file is out of date.
 */
import * as fs from "fs";
import * as path from "path";
import { configJsonSchemaText } from "../src/config/config-schema";

export const CONFIG_SCHEMA_PATH = path.join(__dirname, "..", "config", "schema.json");

fs.writeFileSync(CONFIG_SCHEMA_PATH, configJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), CONFIG_SCHEMA_PATH)}`);
