// Stopwords: Chinese function words and generic filler that say nothing about a document's content.
// Tokens that are punctuation, whitespace or numbers are dropped by rule (isNoiseToken), not listed.
// Users can edit the list later; DEFAULT_STOPWORDS is the starting point.

/** Function words (particles, pronouns, prepositions, conjunctions, adverbs of degree, auxiliaries). */
const FUNCTION_WORDS = `
的 地 得 了 着 过 之 其 和 与 及 或 并 而 且 则 即 乃 亦 也 又 还 就 都 均 皆 只 仅 才 再 更 最 很 太 较
是 为 以 于 在 对 把 被 将 向 从 自 由 到 给 让 使 令 用 按 据 依 随 跟 同 比 至 往 朝 经 当 因 故 所 者
我 你 他 她 它 我们 你们 他们 她们 它们 咱们 大家 自己 本 该 此 这 那 这些 那些 这个 那个 这样 那样 这种 那种
这里 那里 这么 那么 如此 其中 其他 其它 另 另外 各 每 某 诸 凡 任何 一切 所有 全部 有些 一些 一个 一种 一项 一批
个 些 们 啊 吗 呢 吧 呀 嘛 哦 哈 啦 唉
不 没 没有 无 非 未 别 勿 莫 否
有 能 会 要 可 可以 应 应该 应当 必须 需要 得以 能够 就是 只是 还是 或者 以及 而且 并且 但是 但 然而 因此 所以
因为 由于 如果 假如 虽然 尽管 即使 不仅 而是 不但 只有 只要 除了 关于 对于 通过 按照 根据 围绕 为了 以便
等 等等 之一 之间 以上 以下 以来 以后 以前 之后 之前 方面 上 下 中 里 内 外 前 后 间
进一步 不断 切实 认真 积极 大力 努力 深入 全面 持续 扎实 坚决 着力 加快 更加 更好 进而 充分 有效 继续 始终
年 月 日 号 第
`;

/** Enumeration words used inline (一是…二是…, 一要…二要…, 首先/其次), never content. */
const ENUMERATION_WORDS = `
一是 二是 三是 四是 五是 六是 七是 八是 九是 十是 一要 二要 三要 四要 五要 首先 其次 再次 最后 同时 此外
第一 第二 第三 第四 第五 第六 第七 第八 第九 第十
`;

export const DEFAULT_STOPWORDS: string[] = [
  ...new Set(
    (FUNCTION_WORDS + ENUMERATION_WORDS)
      .split(/\s+/)
      .map((w) => w.trim())
      .filter(Boolean),
  ),
];

/** Punctuation, symbols and whitespace of any script. */
const PUNCT_OR_SPACE = /^[\s\p{P}\p{S}\p{Z}]+$/u;
/** Numbers: Arabic (with decimal point, percent, thousands separators) or Chinese numerals alone. */
const NUMBER = /^(?:[\d.,%‰+\-/]+|[零〇一二两三四五六七八九十百千万亿]+)$/;
/** A single Latin letter or digit carries nothing ("a", "N" in 1+10+N is found as a formulation instead). */
const SINGLE_LATIN = /^[A-Za-z0-9]$/;

/** True for tokens dropped by rule: punctuation, whitespace, numbers, single Latin characters. */
export function isNoiseToken(token: string): boolean {
  return !token || PUNCT_OR_SPACE.test(token) || NUMBER.test(token) || SINGLE_LATIN.test(token);
}
