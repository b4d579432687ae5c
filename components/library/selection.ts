// Row selection of the Library and the Trash: a new set with one id added or removed (state stays immutable).
export function toggled<T>(selected: ReadonlySet<T>, id: T, on: boolean): Set<T> {
  const next = new Set(selected);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}
