/**
 * The emulator suite (`npm run test:emulator`): real applies against the moto AWS emulator, minutes
 * long, so never part of `npm test`'s jest run.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/emulator"],
  testMatch: ["**/*.emulator.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest"] },
  verbose: true,
};
