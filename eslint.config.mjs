// @ts-check
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

const FRAMEWORK_MESSAGE =
  'Import the framework from src/framework (index.ts, aws.ts): it selects cdktf or cdktn in one place (README, "Moving from cdktf to cdktn").';

export default tseslint.config(
  { ignores: ["node_modules/", "cdktf.out/", "dist/", ".tmp/", "coverage/", "*.js", "*.mjs"] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@cdktf/provider-aws",
              message:
                "Import the resource from @cdktf/provider-aws/lib/<resource>: the package root loads every AWS resource (7x slower synth).",
            },
            ...["cdktf", "cdktn", "constructs"].map((name) => ({ name, message: FRAMEWORK_MESSAGE })),
          ],
          patterns: [{ group: ["@cdktf/*", "@cdktn/*", "cdktf/*", "cdktn/*"], message: FRAMEWORK_MESSAGE }],
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // The one place that names the framework's packages (type imports; the values are loaded by name).
    files: ["src/framework/**"],
    rules: { "no-restricted-imports": "off" },
  },
);
