// Row selection of the Library and the Trash: the checkbox cells of their tables, and the
// immutable set operation behind them (state is never mutated in place).
export function toggled<T>(selected: ReadonlySet<T>, id: T, on: boolean): Set<T> {
  const next = new Set(selected);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

const checkedOf = (e: Event): boolean => (e.currentTarget as HTMLInputElement).checked;

/** The checkbox cell of one row: ticking it adds the row's id to the selection, unticking removes it. */
export function SelectCell<T>({ id, label, selected, onSelect }: { id: T; label: string; selected: ReadonlySet<T>; onSelect(next: Set<T>): void }) {
  return (
    <td>
      <input type="checkbox" aria-label={label} checked={selected.has(id)} onChange={(e) => onSelect(toggled(selected, id, checkedOf(e)))} />
    </td>
  );
}

/** The header checkbox: ticked when every shown row is selected; ticking selects them all, unticking none. */
export function SelectAllCell<T>({ label, shown, allSelected, onSelect }: { label: string; shown: Iterable<T>; allSelected: boolean; onSelect(next: Set<T>): void }) {
  return (
    <th>
      <input type="checkbox" aria-label={label} checked={allSelected} onChange={(e) => onSelect(checkedOf(e) ? new Set(shown) : new Set())} />
    </th>
  );
}
