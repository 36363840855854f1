/**
 * `npm run build:modules`: writes the Terraform JSON modules for HCL users into dist/terraform/modules/
 * (`hub-region` and its variants per sharing mechanism, the `service-check` module they call, and a
 * spoke module per mechanism: `spoke`, `spoke-profile`, `spoke-zone-association`), synthesized from the
 * same constructs as the app stacks.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "../framework";
import { HUB_REGION_MODULES, HubRegionModule } from "../terraform-modules/hub-region-module";
import { ServiceCheckModule } from "../terraform-modules/service-check-module";
import {
  SpokeModule,
  SpokeProfileModule,
  SpokeZoneAssociationModule,
} from "../terraform-modules/spoke-module";
import { CommandDefinition, runCommand } from "./command";

export const MODULES_DIR = path.join(__dirname, "..", "..", "dist", "terraform", "modules");
export const MODULE_FILE = "main.tf.json";

/** Module name -> main.tf.json content. */
export function synthesizeModules(): Record<string, string> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-modules-"));
  try {
    const app = new App({ outdir: staging });
    const modules = [
      ...Object.entries(HUB_REGION_MODULES).map(([name, sharing]) => new HubRegionModule(app, name, sharing)),
      new ServiceCheckModule(app, "service-check"),
      new SpokeModule(app, "spoke"),
      new SpokeProfileModule(app, "spoke-profile"),
      new SpokeZoneAssociationModule(app, "spoke-zone-association"),
    ];
    app.synth();
    return Object.fromEntries(
      modules.map((m) => {
        const json = JSON.parse(
          fs.readFileSync(path.join(staging, "stacks", m.node.id, "cdk.tf.json"), "utf8"),
        );
        return [m.node.id, JSON.stringify(withoutCdktfMetadata(json), null, 2) + "\n"];
      }),
    );
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** cdktf's `//` metadata names construct paths: noise for module users. */
function withoutCdktfMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCdktfMetadata);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "//")
        .map(([key, v]) => [key, withoutCdktfMetadata(v)]),
    );
  }
  return value;
}

export function writeModules(dir = MODULES_DIR): string[] {
  const modules = synthesizeModules();
  for (const [name, text] of Object.entries(modules)) {
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    fs.writeFileSync(path.join(dir, name, MODULE_FILE), text);
  }
  return Object.keys(modules).map((name) => path.join(dir, name, MODULE_FILE));
}

export const BUILD_MODULES_COMMAND: CommandDefinition<Record<string, never>> = {
  usage: [
    "usage: npm run build:modules",
    "  writes the Terraform JSON modules (hub-region and its mechanism variants, service-check, spoke, spoke-profile, spoke-zone-association) into dist/terraform/modules/",
  ].join("\n"),
  options: {},
  run: (_, output) => {
    for (const file of writeModules()) output.out(`wrote ${path.relative(process.cwd(), file)}\n`);
  },
};

if (require.main === module) process.exitCode = runCommand(BUILD_MODULES_COMMAND, process.argv.slice(2));
