/**
 * The item at `i` of a list a test has just produced, or a failure naming the index and the length.
 * For places where `?.` would let a missing item slip through (a call, an argument, a negative matcher).
 */
export function at<T>(items: ArrayLike<T>, i: number): T {
  const item = items[i < 0 ? items.length + i : i];
  if (item === undefined) throw new Error(`expected an item at index ${i}, the list has ${items.length}`);
  return item;
}
