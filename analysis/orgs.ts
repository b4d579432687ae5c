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

/**
 * Read an editable alias table, one group a line: `canonical = alias, alias` (also ＝ and ，、;
 * separators). Lines starting with # are comments. Later lines win for a repeated alias.
 */
export function parseOrgAliases(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [left, right = ''] = line.split(/[=＝]/, 2);
    const canonical = cleanOrg(left);
    if (!canonical) continue;
    map.set(canonical, canonical);
    for (const a of right.split(/[,，、;；]/)) {
      const alias = cleanOrg(a);
      if (alias) map.set(alias, canonical);
    }
  }
  return map;
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
