// One Aho-Corasick automaton over UTF-16 code units: every lexicon (severe errors, typos, prohibited terms,
// leader misspellings) is matched in a single pass over a page's normalised text.
// Transitions live in one Map keyed by state × 65536 + code unit, so a few hundred thousand patterns stay
// compact (no object per node).

export interface AhoMatch {
  /** Index of the pattern in the array given to the constructor. */
  pattern: number;
  start: number;
  /** Exclusive. */
  end: number;
}

const ROOT = 0;

export class AhoCorasick {
  private readonly transitions = new Map<number, number>();
  private readonly fail: Int32Array;
  /** First pattern ending exactly at a state, -1 if none; more through `samePattern`. */
  private readonly terminal: Int32Array;
  /** Next pattern with the same string (duplicates in the input), -1 at the end. */
  private readonly samePattern: Int32Array;
  /** Nearest state along the failure chain that ends a pattern, -1 if none. */
  private readonly outputLink: Int32Array;
  private readonly lengths: Int32Array;

  constructor(patterns: readonly string[]) {
    const terminal: number[] = [-1];
    const children: number[][] = [[]];
    this.samePattern = new Int32Array(patterns.length).fill(-1);
    this.lengths = new Int32Array(patterns.length);
    patterns.forEach((pattern, index) => {
      if (pattern.length === 0) throw new Error(`Aho-Corasick: pattern ${index} is empty`);
      let state = ROOT;
      for (let i = 0; i < pattern.length; i++) {
        const key = state * 65536 + pattern.charCodeAt(i);
        let next = this.transitions.get(key);
        if (next === undefined) {
          next = terminal.length;
          terminal.push(-1);
          children.push([]);
          children[state].push(next);
          this.transitions.set(key, next);
        }
        state = next;
      }
      this.samePattern[index] = terminal[state];
      terminal[state] = index;
      this.lengths[index] = pattern.length;
    });
    this.terminal = Int32Array.from(terminal);
    this.fail = new Int32Array(terminal.length);
    this.outputLink = new Int32Array(terminal.length).fill(-1);
    this.buildFailureLinks(children);
  }

  get stateCount(): number {
    return this.fail.length;
  }

  private buildFailureLinks(children: number[][]): void {
    const codeOf = new Int32Array(this.fail.length);
    for (const [key, state] of this.transitions) codeOf[state] = key % 65536;
    // Depth-one states keep ROOT as their failure link (the Int32Array default).
    const queue: number[] = [...children[ROOT]];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      for (const child of children[state]) {
        this.fail[child] = this.fallbackTarget(this.fail[state], codeOf[child]);
        const fallback = this.fail[child];
        this.outputLink[child] = this.terminal[fallback] >= 0 ? fallback : this.outputLink[fallback];
        queue.push(child);
      }
    }
  }

  /** Where the failure chain starting at `state` can continue on `code` (ROOT if nowhere). */
  private fallbackTarget(state: number, code: number): number {
    for (let f = state; ; f = this.fail[f]) {
      const target = this.transitions.get(f * 65536 + code);
      if (target !== undefined) return target;
      if (f === ROOT) return ROOT;
    }
  }

  /** Calls `onMatch` for every occurrence of every pattern, in order of end position. */
  scan(text: string, onMatch: (pattern: number, start: number, end: number) => void): void {
    let state = ROOT;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let next = this.transitions.get(state * 65536 + code);
      while (next === undefined && state !== ROOT) {
        state = this.fail[state];
        next = this.transitions.get(state * 65536 + code);
      }
      state = next ?? ROOT;
      for (let out = this.terminal[state] >= 0 ? state : this.outputLink[state]; out >= 0; out = this.outputLink[out]) {
        for (let p = this.terminal[out]; p >= 0; p = this.samePattern[p]) onMatch(p, i + 1 - this.lengths[p], i + 1);
      }
    }
  }

  findAll(text: string): AhoMatch[] {
    const matches: AhoMatch[] = [];
    this.scan(text, (pattern, start, end) => matches.push({ pattern, start, end }));
    return matches;
  }
}
