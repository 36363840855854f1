/**
 * `npm run test:cdktn` (through scripts/cdktn/run.sh, which selects cdktn): the tests of what runs on the
 * framework, the constructs, the stacks, synthesis, the modules and the offline plans, plus the check
 * that both frameworks synthesize the same stacks. The rest of the suite (configuration, catalog, cost,
 * diagram, verify) never loads the framework, and runs once, in `npm test`.
 * @type {import('jest').Config}
 */
const base = require("./jest.config");

module.exports = {
  ...base,
  roots: [
    "<rootDir>/test/framework",
    "<rootDir>/test/hub-region",
    "<rootDir>/test/spoke-association",
    "<rootDir>/test/stacks",
    "<rootDir>/test/stability",
    "<rootDir>/test/terraform",
    "<rootDir>/test/terraform-modules",
    "<rootDir>/test/bench",
  ],
  testMatch: ["**/*.test.ts", "**/*.cdktn.ts"],
};
