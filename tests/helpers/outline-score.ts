import type { Heading } from '../../analysis/types';

export interface GoldHeading {
  offset: number;
  level: number;
  marker: string;
  text: string;
}

export interface OutlineScore {
  gold: number;
  predicted: number;
  /** Predicted headings at a gold heading's offset. */
  found: number;
  /** Of those, at the gold level. */
  rightLevel: number;
}

/** A predicted heading matches a gold one when both start at the same offset. */
export function scoreOutline(predicted: Heading[], gold: GoldHeading[]): OutlineScore {
  const byOffset = new Map(gold.map((g) => [g.offset, g]));
  let found = 0;
  let rightLevel = 0;
  for (const h of predicted) {
    const g = byOffset.get(h.offset);
    if (!g) continue;
    found++;
    if (g.level === h.level) rightLevel++;
  }
  return { gold: gold.length, predicted: predicted.length, found, rightLevel };
}
