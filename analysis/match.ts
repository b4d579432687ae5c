// Multi-pattern matching in one linear pass: an Aho–Corasick automaton over UTF-16 code units.
// Written here rather than taken from npm: the packages found are either unmaintained for years or
// return matched strings without pattern ids and code-unit offsets, which the counting model needs
// (per-entry counting, spans mapped back to the normalised text). ~100 lines, tested against a naive
// indexOf search in tests/unit/analysis-match.test.ts.

/** One match: pattern index and [start, end) offsets in the searched string (overlaps included). */
export interface PatternMatch {
  pattern: number;
  start: number;
  end: number;
}

export class PatternAutomaton {
  /** Transitions: node * 0x10000 + code unit → node. */
  private readonly next = new Map<number, number>();
  private fail: Int32Array = new Int32Array(1);
  /** Patterns ending at a node (its own), and the nearest node on its fail chain that has output. */
  private readonly own: number[][] = [[]];
  private outLink: Int32Array = new Int32Array(1);
  private readonly lengths: number[] = [];
  readonly size: number;

  /** Empty patterns never match; a repeated pattern matches under each of its indexes. */
  constructor(patterns: readonly string[]) {
    this.size = patterns.length;
    let nodes = 1;
    patterns.forEach((p, id) => {
      this.lengths.push(p.length);
      if (!p) return;
      let node = 0;
      for (let i = 0; i < p.length; i++) {
        const k = node * 0x10000 + p.charCodeAt(i);
        let to = this.next.get(k);
        if (to === undefined) {
          to = nodes++;
          this.next.set(k, to);
          this.own.push([]);
        }
        node = to;
      }
      this.own[node]!.push(id);
    });
    // Children per node, for the breadth-first construction of fail links.
    const children: [code: number, to: number][][] = Array.from({ length: nodes }, () => []);
    for (const [k, to] of this.next) children[Math.floor(k / 0x10000)]!.push([k % 0x10000, to]);
    this.fail = new Int32Array(nodes);
    this.outLink = new Int32Array(nodes).fill(-1);
    const queue: number[] = [];
    for (const [, to] of children[0]!) queue.push(to);
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      for (const [code, to] of children[node]!) {
        let f = this.fail[node]!;
        let target = this.next.get(f * 0x10000 + code);
        while (target === undefined && f !== 0) {
          f = this.fail[f]!;
          target = this.next.get(f * 0x10000 + code);
        }
        const ft = target !== undefined && target !== to ? target : 0;
        this.fail[to] = ft;
        this.outLink[to] = this.own[ft]!.length > 0 ? ft : this.outLink[ft]!;
        queue.push(to);
      }
    }
  }

  /** Every occurrence of every pattern in `text` (overlapping ones too), in order of their end. */
  matchAll(text: string): PatternMatch[] {
    const out: PatternMatch[] = [];
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let to = this.next.get(node * 0x10000 + code);
      while (to === undefined && node !== 0) {
        node = this.fail[node]!;
        to = this.next.get(node * 0x10000 + code);
      }
      node = to ?? 0;
      for (let n = this.own[node]!.length > 0 ? node : this.outLink[node]!; n > 0; n = this.outLink[n]!) {
        for (const id of this.own[n]!) out.push({ pattern: id, start: i + 1 - this.lengths[id]!, end: i + 1 });
      }
    }
    return out;
  }
}
