/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // Two workers even on 2 cores: the Terraform tests spend most of their time waiting on terraform.
  maxWorkers: 2,
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Type checking is a separate step (`npm run typecheck`): swc only strips types, 3-4x faster than ts-jest.
  transform: { "^.+\\.ts$": ["@swc/jest"] },
  globalSetup: "<rootDir>/test/global-setup.ts",
};
