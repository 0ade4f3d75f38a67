import { Notice } from "@idp-gallery/ui";
import type { FactsProblem } from "~/facts.ts";
import type { GalleryEntry } from "~/gallery.ts";

/** Why some of the comparison is missing: facts files not there yet, or not readable. */
export function FactsNotices(props: {
  factsDir: string;
  missing: GalleryEntry[];
  problems: FactsProblem[];
}) {
  return (
    <>
      {props.missing.length ? (
        <div data-testid="facts-missing">
          <Notice tone="info" title="No e2e facts yet for some apps">
            {props.missing.map((e) => e.idpName).join(", ")}: run{" "}
            {props.missing.map((e, i) => (
              <span key={e.id}>
                {i ? ", " : ""}
                <code className="font-mono text-xs">pnpm turbo e2e --filter={e.id}</code>
              </span>
            ))}{" "}
            to write their facts into <code className="font-mono text-xs">{props.factsDir}</code>.
          </Notice>
        </div>
      ) : null}
      {props.problems.map((problem) => (
        <div key={problem.file} data-testid="facts-problem" data-file={problem.file}>
          <Notice tone="warning" title={`Facts file ${problem.file} left out`}>
            <pre className="font-mono text-xs whitespace-pre-wrap wrap-anywhere">
              {problem.message}
            </pre>
          </Notice>
        </div>
      ))}
    </>
  );
}
