// Organisation names grouped through an alias table: many spellings of one issuer
// (中共中央办公厅 / 中办, 国务院办公厅 / 国办) become one row in every per-organisation table.
// The table is data the user can edit; parseOrgAliases reads its text form.

/**
 * Built-in groups: canonical name → other names. Only unambiguous national-level short forms; local
 * organisations are added by users, who know their own corpus.
 */
export const DEFAULT_ORG_GROUPS: Record<string, string[]> = {
  中共中央: ['中国共产党中央委员会', '党中央', '中央委员会'],
  国务院: ['中华人民共和国国务院', '中央人民政府'],
  中共中央办公厅: ['中办'],
  国务院办公厅: ['国办'],
  全国人大: ['全国人民代表大会', '全国人民代表大会常务委员会', '全国人大常委会'],
  全国政协: ['中国人民政治协商会议全国委员会'],
  中央纪委: ['中央纪律检查委员会', '中纪委', '中央纪委国家监委', '国家监委'],
  中央组织部: ['中共中央组织部', '中组部'],
  中央宣传部: ['中共中央宣传部', '中宣部'],
  国家发展改革委: ['国家发展和改革委员会', '国家发改委', '发改委'],
};

/** Alias → canonical name, including each canonical name mapped to itself. */
export function orgAliasMap(groups: Record<string, string[]> = DEFAULT_ORG_GROUPS): Map<string, string> {
  const map = new Map<string, string>();
  for (const [canonical, aliases] of Object.entries(groups)) {
    map.set(cleanOrg(canonical), canonical);
    for (const a of aliases) map.set(cleanOrg(a), canonical);
  }
  return map;
}

/** Whitespace (incl. the ideographic space) is never part of a name: 「中共 中央」 = 「中共中央」. */
function cleanOrg(name: string): string {
  return name.replace(/[\s\u3000]+/g, '').trim();
}

/** The group an organisation belongs to; the cleaned name itself when it has no group; '' stays ''. */
export function groupOrg(org: string, aliases: Map<string, string>): string {
  const clean = cleanOrg(org ?? '');
  if (!clean) return '';
  return aliases.get(clean) ?? clean;
}

/** Why a line of an alias table was not read (the UI words each reason in its own language). */
export type OrgAliasErrorReason =
  /** 「= 别名」: aliases without the name they stand for. */
  | 'no-canonical'
  /** 「甲 = 乙 = 丙」: which one is the canonical name is unclear. */
  | 'several-equals';

export interface OrgAliasError {
  /** 1-based line number in the text. */
  line: number;
  /** The line as written (trimmed). */
  text: string;
  reason: OrgAliasErrorReason;
}

export interface ParsedOrgAliases {
  /** Alias → final canonical name, each canonical name mapped to itself. */
  map: Map<string, string>;
  /** Lines that were not read; the rest of the table still is. */
  errors: OrgAliasError[];
}

/** `=` in either width: the one separator between a canonical name and its aliases. */
const ALIAS_EQUALS = /[=＝]/;
/** Separators between aliases on one line. */
const ALIAS_LIST_SEPARATOR = /[,，、;；]/;
/** Longest chain followed when resolving (a guard: the construction below cannot make cycles). */
const MAX_ALIAS_CHAIN = 1000;

/**
 * Read an editable alias table, one group a line: `canonical = alias, alias` (also ＝ and ，、;
 * separators). Lines starting with # are comments. A line whose canonical name already belongs to a
 * group adds its aliases to that group (甲 = 乙 then 乙 = 丙: 乙 and 丙 both go to 甲), and a group whose
 * canonical name is later listed as an alias joins the new group (甲 = 乙 then 丙 = 甲: all go to 丙);
 * otherwise later lines win for a repeated alias. Bad lines are returned with their line numbers.
 */
export function parseOrgAliases(text: string): ParsedOrgAliases {
  // A forest: every name points to its parent, a canonical name to itself. A name is only ever
  // re-pointed at a root, and a root is never its own descendant's child, so no cycle can form.
  const parent = new Map<string, string>();
  const root = (name: string): string => {
    let at = name;
    for (let steps = 0; steps < MAX_ALIAS_CHAIN; steps++) {
      const next = parent.get(at);
      if (next === undefined || next === at) return at;
      at = next;
    }
    return at;
  };
  const errors: OrgAliasError[] = [];
  const lines = (text ?? '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const parts = line.split(ALIAS_EQUALS);
    if (parts.length > 2) {
      errors.push({ line: i + 1, text: line, reason: 'several-equals' });
      return;
    }
    const [left = '', right = ''] = parts;
    const canonical = cleanOrg(left);
    if (!canonical) {
      errors.push({ line: i + 1, text: line, reason: 'no-canonical' });
      return;
    }
    if (!parent.has(canonical)) parent.set(canonical, canonical);
    const target = root(canonical);
    for (const a of right.split(ALIAS_LIST_SEPARATOR)) {
      const alias = cleanOrg(a);
      // Already in this group (or the canonical name itself): nothing to move.
      if (alias && root(alias) !== target) parent.set(alias, target);
    }
  });
  const map = new Map<string, string>();
  for (const name of parent.keys()) map.set(name, root(name));
  return { map, errors };
}

/** parseOrgAliases without the errors: the alias map alone, bad lines left out. */
export function orgAliasesFromText(text: string): Map<string, string> {
  return parseOrgAliases(text).map;
}

/** Write an alias map back to the text form read by parseOrgAliases. */
export function formatOrgAliases(aliases: Map<string, string>): string {
  const groups = new Map<string, string[]>();
  for (const [alias, canonical] of aliases) {
    if (!groups.has(canonical)) groups.set(canonical, []);
    if (alias !== canonical) groups.get(canonical)!.push(alias);
  }
  return [...groups.entries()].map(([c, as]) => (as.length ? `${c} = ${as.join(', ')}` : c)).join('\n');
}
