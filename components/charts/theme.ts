// Chart theme: fonts that carry Chinese glyphs, light and dark colours, and a hook that follows
// the page's theme (a `data-theme` attribute on <html> wins over the system preference).
import { useEffect, useState } from 'preact/hooks';

/**
 * Canvas text has no font fallback of its own beyond what the family list names, so the list
 * names CJK faces found on macOS, Windows, Linux and ChromeOS before the generic families.
 */
export const CJK_FONT_FAMILY =
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", ' +
  '"Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", sans-serif';

export type ThemeName = 'light' | 'dark';

export interface ChartTheme {
  name: ThemeName;
  /** Solid background used for PNG export (a transparent PNG pasted into a paper shows black or checkerboard). */
  background: string;
  text: string;
  grid: string;
}

/** Colours per theme; grid lines are kept faint so the data reads first. */
export const THEMES: Record<ThemeName, ChartTheme> = {
  light: { name: 'light', background: '#ffffff', text: '#222222', grid: 'rgba(0,0,0,0.1)' },
  dark: { name: 'dark', background: '#1e1e1e', text: '#e6e6e6', grid: 'rgba(255,255,255,0.14)' },
};

/** The theme in force: `<html data-theme="dark|light">` if set, else `prefers-color-scheme`. */
export function currentTheme(): ThemeName {
  if (typeof document === 'undefined') return 'light';
  const attr = document.documentElement.getAttribute('data-theme');
  if (attr === 'dark' || attr === 'light') return attr;
  const mq = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  return mq?.matches ? 'dark' : 'light';
}

/** Re-renders when the theme changes (attribute flip or system switch). */
export function useThemeName(): ThemeName {
  const [name, setName] = useState<ThemeName>(currentTheme);
  useEffect(() => {
    const update = () => setName(currentTheme());
    const observer =
      typeof MutationObserver === 'function' ? new MutationObserver(update) : null;
    observer?.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const mq = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
    mq?.addEventListener?.('change', update);
    return () => {
      observer?.disconnect();
      mq?.removeEventListener?.('change', update);
    };
  }, []);
  return name;
}

/**
 * The theme with the page's own colours where its stylesheet defines them (--panel, --text,
 * --border on the dashboard), so charts match the panels they sit on; THEMES fill in the rest.
 */
export function resolveTheme(name: ThemeName, el: Element | null): ChartTheme {
  const base = THEMES[name];
  if (!el || typeof getComputedStyle !== 'function') return base;
  const own = getComputedStyle(el);
  const root = getComputedStyle(document.documentElement);
  // The element's value (variables scoped to a container), else the root's.
  const v = (prop: string) => own.getPropertyValue(prop).trim() || root.getPropertyValue(prop).trim();
  return {
    name,
    background: v('--panel') || base.background,
    text: v('--text') || base.text,
    grid: base.grid,
  };
}
