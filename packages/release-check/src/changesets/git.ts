import { run } from "../shared/run.ts";

export type Base = { sha: string; label: string } | { none: string };

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  const result = await run("git", args, { cwd });
  return result.code === 0 ? result.stdout.trim() : undefined;
}

const refExists = async (cwd: string, ref: string) =>
  (await git(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])) !== undefined;

/**
 * What to compare against: `CHANGESET_BASE` when set, else the merge base with `origin/<baseBranch>`,
 * else with a local `<baseBranch>` when HEAD is another branch. Otherwise there is nothing to compare.
 */
export async function resolveBase(
  cwd: string,
  baseBranch: string,
  explicit = process.env.CHANGESET_BASE,
): Promise<Base> {
  if ((await git(cwd, ["rev-parse", "--is-inside-work-tree"])) !== "true")
    return { none: "this is not a git work tree" };
  const candidates: string[] = [];
  if (explicit) {
    if (!(await refExists(cwd, explicit)))
      throw new Error(`CHANGESET_BASE=${explicit} is not a commit in this repository`);
    candidates.push(explicit);
  } else {
    if (await refExists(cwd, `origin/${baseBranch}`)) candidates.push(`origin/${baseBranch}`);
    const branch = await git(cwd, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
    if (branch !== baseBranch && (await refExists(cwd, baseBranch))) candidates.push(baseBranch);
  }
  for (const ref of candidates) {
    const sha = await git(cwd, ["merge-base", "HEAD", ref]);
    if (sha) return { sha, label: ref };
  }
  if (candidates.length > 0)
    return { none: `no merge base with ${candidates.join(" or ")} (a shallow clone?)` };
  return {
    none: `no origin/${baseBranch}, no CHANGESET_BASE, and HEAD is ${baseBranch} itself or detached`,
  };
}

/** Files that differ between `sha` and the work tree (commits, staged and unstaged), plus untracked ones. */
export async function changedFilesSince(cwd: string, sha: string): Promise<string[]> {
  const tracked = await git(cwd, ["diff", "--name-only", "--no-renames", sha]);
  const untracked = await git(cwd, ["ls-files", "--others", "--exclude-standard"]);
  if (tracked === undefined || untracked === undefined)
    throw new Error(`git could not list the changes since ${sha}`);
  return [...new Set([...tracked.split("\n"), ...untracked.split("\n")])].filter(Boolean).sort();
}

/** A file's content at a commit, or undefined when it did not exist there. */
export function fileAt(cwd: string, sha: string, path: string): Promise<string | undefined> {
  return git(cwd, ["show", `${sha}:${path}`]);
}
