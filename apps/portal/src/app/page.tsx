import { relative } from "node:path";
import { connection } from "next/server";
import { loadBench } from "~/bench.ts";
import type { Column } from "~/comparison.ts";
import { portalConfig } from "~/env.ts";
import { factsForApp, loadFacts } from "~/facts.ts";
import { checkEntry } from "~/status.ts";
import { BenchTable } from "./_components/bench-table.tsx";
import { ContractTable } from "./_components/contract-table.tsx";
import { FactsNotices } from "./_components/facts-notices.tsx";
import { IdpCard } from "./_components/idp-card.tsx";
import { Measurements } from "./_components/measurements.tsx";
import { ProtocolTable } from "./_components/protocol-table.tsx";
import { Section } from "./_components/section.tsx";
import { Timeline } from "./_components/timeline.tsx";

export default async function PortalPage() {
  // Live status on every request; nothing here is prerendered.
  await connection();
  const config = portalConfig();
  const [loaded, statuses, bench] = await Promise.all([
    loadFacts(config.factsDir),
    Promise.all(config.entries.map((entry) => checkEntry(entry, config.statusTimeoutMs))),
    loadBench(config.benchResults),
  ]);
  const perApp = config.entries.map((entry) => ({ entry, ...factsForApp(loaded, entry.id) }));
  const columns: Column[] = perApp.flatMap(({ entry, primary }) =>
    primary ? [{ entry, facts: primary }] : [],
  );
  const readmeHref = (id: string, readme: string) =>
    config.repoUrl ? `${config.repoUrl}/${readme}` : `/readme/${id}`;
  const factsDir = relative(config.repoRoot, config.factsDir) || config.factsDir;
  return (
    <>
      <div className="max-w-3xl">
        <p className="text-sm font-semibold tracking-wider text-link uppercase">IdP Gallery</p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-balance">
          Five apps, five identity providers, side by side
        </h1>
        <p className="mt-3 text-base text-pretty text-muted">
          The same Next.js app signing in with each IdP through a local emulator. Status is checked
          now, by this server; everything under Comparison comes from the facts each app's last e2e
          run wrote into <code className="font-mono text-sm">{factsDir}</code>.
        </p>
      </div>

      <Section id="apps" title="Apps">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {perApp.map(({ entry, primary }, i) => (
            <IdpCard
              key={entry.id}
              entry={entry}
              status={statuses[i] ?? { app: down, idp: down }}
              facts={primary}
              readmeHref={readmeHref(entry.id, entry.readme)}
            />
          ))}
        </div>
      </Section>

      <Section
        id="comparison"
        title="Comparison"
        intro={
          <>
            Generated from the facts files only. Each e2e run of an app rewrites its file:{" "}
            <code className="font-mono text-xs">pnpm turbo e2e --filter=&lt;app&gt;</code>.
          </>
        }
      >
        <FactsNotices
          factsDir={factsDir}
          missing={perApp.filter((p) => !p.primary).map((p) => p.entry)}
          problems={loaded.problems}
        />
        {columns.length ? (
          <>
            <ContractTable
              columns={columns}
              variants={perApp.flatMap((p) => (p.primary ? p.variants : []))}
            />
            <ProtocolTable columns={columns} />
            <Measurements columns={columns} />
          </>
        ) : null}
      </Section>

      <Section
        id="timelines"
        title="Redirects during one sign-in"
        intro="Every main-frame request from the click on the app's sign-in control until the signed-in page loaded, redirect hops included; codes, state and other secrets are hidden."
      >
        {columns.some((c) => c.facts.measurements) ? (
          <div className="grid gap-6 xl:grid-cols-2">
            {columns.map((column) => (
              <Timeline key={column.entry.id} column={column} />
            ))}
          </div>
        ) : (
          <p className="text-sm text-muted">No sign-in measured yet.</p>
        )}
      </Section>

      <Section
        id="bench"
        title="Bench"
        intro={
          <>
            The latest <code className="font-mono text-xs">pnpm bench</code> run, from{" "}
            <code className="font-mono text-xs">packages/bench/results/latest.json</code>: sign-in
            and session cost against bare baselines, on one machine.
          </>
        }
      >
        {"results" in bench ? (
          <BenchTable results={bench.results} />
        ) : "problem" in bench ? (
          <p className="text-sm text-warning-fg">
            packages/bench/results/latest.json left out: {bench.problem}
          </p>
        ) : (
          <p className="text-sm text-muted">No bench results yet.</p>
        )}
      </Section>
    </>
  );
}

const down = { state: "down", reason: "not checked" } as const;
