import type { ServerResponse } from "node:http";

export interface FailRule {
  kind: "fail";
  path?: string;
  status: number;
}

export interface HangRule {
  kind: "hang";
  path?: string;
}

export type FaultRule = FailRule | HangRule;

/** One-shot failures injected by tests through the control routes. */
export class FaultInjector {
  #pending: FaultRule[] = [];
  #held = new Set<ServerResponse>();

  add(rule: FaultRule): void {
    this.#pending.push(rule);
  }

  /** Removes and returns the first rule that matches this request path. */
  take(pathname: string): FaultRule | undefined {
    const index = this.#pending.findIndex((rule) => !rule.path || pathname.startsWith(rule.path));
    if (index === -1) return undefined;
    const [rule] = this.#pending.splice(index, 1);
    return rule;
  }

  hold(res: ServerResponse): void {
    this.#held.add(res);
    res.on("close", () => this.#held.delete(res));
  }

  get pending(): readonly FaultRule[] {
    return this.#pending;
  }

  get held(): number {
    return this.#held.size;
  }

  /** Forgets pending rules and drops every held request's connection. */
  clear(): void {
    this.#pending = [];
    for (const res of this.#held) res.socket?.destroy();
    this.#held.clear();
  }
}
