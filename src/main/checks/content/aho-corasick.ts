// One Aho-Corasick automaton over UTF-16 code units: every lexicon (severe errors, typos, prohibited terms,
// leader misspellings) is matched in a single pass over a page's normalised text.
// Transitions: a dense table for the root (most characters of a page start nowhere) and one
// open-addressing hash of typed arrays for the rest, so a few hundred thousand patterns stay compact
// (no object per node) and a step is a couple of array reads.

export interface AhoMatch {
  /** Index of the pattern in the array given to the constructor. */
  pattern: number;
  start: number;
  /** Exclusive. */
  end: number;
}

const ROOT = 0;

export class AhoCorasick {
  private readonly transitions = new TransitionTable();
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
        const code = pattern.charCodeAt(i);
        let next = this.transitions.get(state, code);
        if (next < 0) {
          next = terminal.length;
          terminal.push(-1);
          children.push([]);
          children[state].push(next);
          this.transitions.set(state, code, next);
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
    const codeOf = this.transitions.codesByTarget(this.fail.length);
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
      const target = this.transitions.get(f, code);
      if (target >= 0) return target;
      if (f === ROOT) return ROOT;
    }
  }

  /** Calls `onMatch` for every occurrence of every pattern, in order of end position. */
  scan(text: string, onMatch: (pattern: number, start: number, end: number) => void): void {
    let state = ROOT;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let next = this.transitions.get(state, code);
      while (next < 0 && state !== ROOT) {
        state = this.fail[state];
        next = this.transitions.get(state, code);
      }
      state = next < 0 ? ROOT : next;
      for (
        let out = this.terminal[state] >= 0 ? state : this.outputLink[state];
        out >= 0;
        out = this.outputLink[out]
      ) {
        for (let p = this.terminal[out]; p >= 0; p = this.samePattern[p])
          onMatch(p, i + 1 - this.lengths[p], i + 1);
      }
    }
  }

  findAll(text: string): AhoMatch[] {
    const matches: AhoMatch[] = [];
    this.scan(text, (pattern, start, end) => matches.push({ pattern, start, end }));
    return matches;
  }
}

/** (state, code unit) → state; -1 when there is no edge. */
class TransitionTable {
  private readonly root = new Int32Array(65536).fill(-1);
  private states = new Int32Array(1024).fill(-1);
  private codes = new Uint16Array(1024);
  private targets = new Int32Array(1024);
  private size = 0;

  get(state: number, code: number): number {
    if (state === ROOT) return this.root[code];
    const mask = this.states.length - 1;
    for (let slot = hash(state, code) & mask; ; slot = (slot + 1) & mask) {
      const s = this.states[slot];
      if (s === -1) return -1;
      if (s === state && this.codes[slot] === code) return this.targets[slot];
    }
  }

  set(state: number, code: number, target: number): void {
    if (state === ROOT) {
      this.root[code] = target;
      return;
    }
    if ((this.size + 1) * 2 > this.states.length) this.grow();
    this.insert(state, code, target);
    this.size++;
  }

  /** For every target state, the code unit of the edge that enters it. */
  codesByTarget(stateCount: number): Uint16Array {
    const out = new Uint16Array(stateCount);
    this.root.forEach((target, code) => {
      if (target >= 0) out[target] = code;
    });
    this.states.forEach((s, slot) => {
      if (s !== -1) out[this.targets[slot]] = this.codes[slot];
    });
    return out;
  }

  private insert(state: number, code: number, target: number): void {
    const mask = this.states.length - 1;
    let slot = hash(state, code) & mask;
    while (this.states[slot] !== -1) slot = (slot + 1) & mask;
    this.states[slot] = state;
    this.codes[slot] = code;
    this.targets[slot] = target;
  }

  private grow(): void {
    const { states, codes, targets } = this;
    this.states = new Int32Array(states.length * 2).fill(-1);
    this.codes = new Uint16Array(states.length * 2);
    this.targets = new Int32Array(states.length * 2);
    states.forEach((s, slot) => {
      if (s !== -1) this.insert(s, codes[slot], targets[slot]);
    });
  }
}

function hash(state: number, code: number): number {
  return (Math.imul(state, 0x9e3779b1) ^ Math.imul(code, 0x85ebca77)) >>> 0;
}
