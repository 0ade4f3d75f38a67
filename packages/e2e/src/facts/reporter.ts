import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FullResult, Reporter, Suite, TestCase, TestResult } from "@playwright/test/reporter";
import { getTarget } from "../targets.ts";
import { buildFacts, contractId, type FinishedTest } from "./collect.ts";
import { formatJson } from "./json-format.ts";
import { FACTS_ATTACHMENT, type FactsAttachment, factsAttachment } from "./schema.ts";

/** Where the facts files go: packages/e2e/facts/<target>.json (committed; the portal reads them). */
export const factsDir = process.env.E2E_FACTS_DIR ?? join(import.meta.dirname, "..", "..", "facts");

const isFactsTest = (test: TestCase) => test.location.file.endsWith("facts.spec.ts");
const isContractTest = (test: TestCase) =>
  test.location.file.endsWith("contract.spec.ts") && contractId(test.title) !== null;

/**
 * Writes what one e2e run measured about its target: every contract case's result, and the facts
 * facts.spec.ts attached. Only a whole run writes (contract and facts specs both ran, not
 * interrupted), so `-g C2` never replaces a complete file with a partial one.
 */
export default class FactsReporter implements Reporter {
  #order: TestCase[] = [];
  #results = new Map<string, TestResult>();

  onBegin(_config: unknown, suite: Suite) {
    this.#order = suite.allTests().filter((test) => isContractTest(test) || isFactsTest(test));
  }

  onTestEnd(test: TestCase, result: TestResult) {
    this.#results.set(test.id, result);
  }

  async onEnd(result: FullResult) {
    const target = getTarget(process.env.E2E_TARGET ?? "");
    const ran = this.#order.filter((test) => this.#results.has(test.id));
    const contract = ran.filter(isContractTest);
    const facts = ran.filter(isFactsTest);
    if (result.status === "interrupted" || contract.length === 0 || facts.length === 0) {
      console.log(`facts: not a whole run of ${target.name}; its facts file is left as it was`);
      return;
    }
    const file = join(factsDir, `${target.name}.json`);
    const data = buildFacts({
      target,
      contract: contract.map((test) => finished(test, this.#result(test))),
      parts: facts.flatMap((test) => attachedParts(this.#result(test))),
      generatedAt: new Date(),
    });
    await mkdir(factsDir, { recursive: true });
    await writeFile(file, formatJson(data));
    console.log(`facts: wrote ${file}`);
  }

  printsToStdio() {
    return false;
  }

  #result(test: TestCase): TestResult {
    const result = this.#results.get(test.id);
    if (!result) throw new Error(`no result for ${test.title}`);
    return result;
  }
}

function finished(test: TestCase, result: TestResult): FinishedTest {
  return {
    title: test.title,
    status: result.status,
    durationMs: result.duration,
    // Static annotations are on the test; those added while it runs (test.skip) on the result.
    annotations: [...test.annotations, ...result.annotations],
  };
}

function attachedParts(result: TestResult): FactsAttachment[] {
  return result.attachments
    .filter((a) => a.name === FACTS_ATTACHMENT && a.body)
    .map((a) => factsAttachment.parse(JSON.parse(a.body?.toString("utf8") ?? "{}")));
}
