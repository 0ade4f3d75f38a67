/** The package names a changeset's front matter bumps (`"@scope/name": minor`, one per line). */
export function changesetPackages(markdown: string): string[] {
  const lines = markdown.split(/\r?\n/);
  if (lines[0]?.trim() !== "---") return [];
  const end = lines.indexOf("---", 1);
  const frontMatter = lines.slice(1, end === -1 ? undefined : end);
  const names: string[] = [];
  for (const line of frontMatter) {
    const match = /^\s*(?:"([^"]+)"|'([^']+)'|([^\s:]+))\s*:\s*(major|minor|patch|none)\s*$/.exec(
      line,
    );
    const name = match?.[1] ?? match?.[2] ?? match?.[3];
    if (name) names.push(name);
  }
  return names;
}
