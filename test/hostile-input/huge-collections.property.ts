/**
 * The huge-collections property, run by hostile-config.test.ts in a process of its own with ts-node,
 * as `npm run synth` runs: timings are node's (under jest some product paths run 10 to 20 times
 * slower), and a case that hangs is killed with the process. Prints fast-check's report and exits 1
 * on failure. `npx ts-node --swc test/hostile-input/huge-collections.property.ts` runs it alone.
 */
import fc from "fast-check";
import { hugeCollections, settings, treeCase } from "./config-arbitraries";
import { expectHandled, inputOf } from "./hostile-outcome";

/** Cases, and the largest collection: 10,000 items, as many VPC ids as a large organization might paste. */
const HUGE_RUNS = 8;
const HUGE_MAX_SIZE = 10_000;

try {
  fc.assert(
    fc.property(treeCase(hugeCollections(HUGE_MAX_SIZE), 1), (hostile) => {
      const text = hostile.text();
      expectHandled(text, inputOf(text));
    }),
    // No shrinking: it would only try smaller sizes, each case taking seconds when one is slow.
    { ...settings(HUGE_RUNS, 45_000), endOnFailure: true },
  );
  console.log(`huge collections: ${HUGE_RUNS} cases handled`);
} catch (error) {
  // fast-check attaches the failure of the counterexample as the cause.
  const cause = error instanceof Error ? error.cause : undefined;
  console.error(String(error instanceof Error ? error.message : error));
  if (cause) console.error(`Cause: ${cause instanceof Error ? cause.message : String(cause)}`);
  process.exitCode = 1;
}
