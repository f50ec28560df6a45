type Child = Node | string | null | undefined | false;

/** Builds an element; text goes in as text nodes, never as HTML (everything shown comes from crawled pages). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) el.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

export function link(href: string | undefined, text: string): Node {
  return href
    ? h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow' }, text)
    : h('span', {}, text);
}

export function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el as T;
}

export function options(select: HTMLSelectElement, entries: readonly (readonly [string, string])[]): void {
  select.replaceChildren(...entries.map(([value, label]) => h('option', { value }, label)));
}
