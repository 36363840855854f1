/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Type checking is a separate step (`npm run typecheck`): swc only strips types, 3-4x faster than ts-jest.
  transform: { "^.+\\.ts$": ["@swc/jest"] },
  setupFiles: ["<rootDir>/test/setup-env.ts"],
};
