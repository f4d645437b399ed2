import type { Recommendation, RecommendOptions, RecommendResult } from '../protocol';

/** Attributes a filled tile may not carry a script URL in. */
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);
const FIELD = /\{\{\s*(\w+)\s*\}\}/g;

/** The values a template may use: {{id}}, {{score}}, {{reason}}, {{reasons}}, {{rank}}, {{source}}. */
function fieldsOf(r: Recommendation, rank: number, source: string): Record<string, string> {
  return { id: r.itemId, score: r.score.toFixed(4), reason: r.reasons[0]?.itemId ?? '', reasons: r.reasons.map((x) => x.itemId).join(', '), rank: String(rank + 1), source };
}

function fill(node: Node, f: Record<string, string>): void {
  const sub = (s: string) => s.replace(FIELD, (_, k: string) => f[k] ?? '');
  if (node.nodeType === Node.TEXT_NODE) node.nodeValue = sub(node.nodeValue ?? '');
  if (node instanceof Element) {
    for (const a of [...node.attributes]) {
      const v = sub(a.value);
      // Values are set as text/attributes (never HTML); still, no javascript: URLs.
      if (URL_ATTRS.has(a.name.toLowerCase()) && /^\s*javascript:/i.test(v)) node.removeAttribute(a.name);
      else if (v !== a.value) node.setAttribute(a.name, v);
    }
  }
  node.childNodes.forEach((c) => fill(c, f));
}

/** Options for one container from its data-* attributes: data-k (default 4), data-context, data-exclude, data-diversity, data-category, data-in-stock. */
export function containerOptions(el: HTMLElement): RecommendOptions {
  const d = el.dataset;
  const list = (v?: string) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
  const o: RecommendOptions = { k: d.k !== undefined ? Number(d.k) : 4 };
  const context = list(d.context);
  if (context) { o.context = context; o.exclude = [...context]; }
  const exclude = list(d.exclude);
  if (exclude) o.exclude = [...(o.exclude ?? []), ...exclude];
  if (d.diversity !== undefined) o.diversity = Number(d.diversity);
  const categories = list(d.category);
  if (categories || d.inStock !== undefined) o.filter = { ...(categories ? { categories } : {}), ...(d.inStock !== undefined ? { inStock: d.inStock !== 'false' } : {}) };
  return o;
}

/**
 * Fills every `[data-hearth-recs]` container under `root` that holds a `<template>`: one clone
 * of the template per recommendation, with {{id}}, {{score}}, {{reason}}, {{reasons}},
 * {{rank}}, {{source}} substituted as text (never HTML), placed after the template. Containers
 * without a template are left to the shop's own code. On failure the container keeps its
 * content and gets `data-hearth-recs-error`. Resolves with how many containers were filled.
 */
export async function fillRecsContainers(recommend: (o: RecommendOptions) => Promise<RecommendResult>, root: ParentNode = document): Promise<number> {
  const containers = [...root.querySelectorAll<HTMLElement>('[data-hearth-recs]')].filter((el) => el.querySelector(':scope > template'));
  let filled = 0;
  await Promise.all(containers.map(async (el) => {
    const template = el.querySelector<HTMLTemplateElement>(':scope > template')!;
    try {
      const result = await recommend(containerOptions(el));
      for (const old of el.querySelectorAll(':scope > [data-hearth-tile]')) old.remove();
      const frag = document.createDocumentFragment();
      result.items.forEach((r, i) => {
        const tile = template.content.cloneNode(true) as DocumentFragment;
        fill(tile, fieldsOf(r, i, result.source));
        for (const child of tile.children) child.setAttribute('data-hearth-tile', r.itemId);
        frag.append(tile);
      });
      el.append(frag);
      el.removeAttribute('data-hearth-recs-error');
      el.setAttribute('data-hearth-recs-source', result.source);
      filled++;
    } catch (e) {
      el.setAttribute('data-hearth-recs-error', (e as Error)?.message ?? String(e));
    }
  }));
  return filled;
}
