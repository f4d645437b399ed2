import type { RecommendOptions, RecommendResult } from '../protocol';

/**
 * Options for one container from its data-* attributes: data-k (default 4) and data-context
 * (comma-separated item ids, which are also excluded from the results).
 */
export function containerOptions(el: HTMLElement): RecommendOptions {
  const d = el.dataset;
  const context = d.context?.split(',').map((s) => s.trim()).filter(Boolean);
  return { k: d.k ? Number(d.k) : 4, ...(context?.length ? { context, exclude: context } : {}) };
}

/**
 * Fills every `[data-hearth-recs]` container under `root` that holds a `<template>`: one clone
 * per recommendation, placed after the template, with {{id}}, {{score}}, {{reason}}, {{rank}}
 * and {{source}} substituted as text and attribute values (never parsed as HTML; a resulting
 * `javascript:` attribute is dropped). Each tile gets `data-hearth-tile`. Containers without a
 * template are left to the shop's own code; on failure a container keeps its content and gets
 * `data-hearth-recs-error`. Resolves with how many containers were filled; never rejects.
 */
export async function fillRecsContainers(recommend: (o: RecommendOptions) => Promise<RecommendResult>, root: ParentNode = document): Promise<number> {
  let filled = 0;
  await Promise.all([...root.querySelectorAll<HTMLElement>('[data-hearth-recs]')].map(async (el) => {
    const template = el.querySelector<HTMLTemplateElement>(':scope>template');
    if (!template) return;
    try {
      const result = await recommend(containerOptions(el));
      el.querySelectorAll(':scope>[data-hearth-tile]').forEach((old) => old.remove());
      result.items.forEach((r, i) => {
        const f: Record<string, string> = { id: r.itemId, score: r.score.toFixed(4), reason: r.reasons[0]?.itemId ?? '', rank: String(i + 1), source: result.source };
        const sub = (s: string) => s.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => f[k] ?? '');
        const tile = template.content.cloneNode(true) as DocumentFragment;
        // 5 = NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT: below the fragment itself, every
        // node visited is an element or a text node.
        const walk = document.createTreeWalker(tile, 5);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          if (n instanceof Text) n.data = sub(n.data);
          else {
            const e = n as Element;
            for (const a of [...e.attributes]) {
              const v = sub(a.value);
              if (/^\s*javascript:/i.test(v)) e.removeAttribute(a.name);
              else e.setAttribute(a.name, v);
            }
          }
        }
        for (const child of tile.children) child.setAttribute('data-hearth-tile', r.itemId);
        el.append(tile);
      });
      el.removeAttribute('data-hearth-recs-error');
      el.setAttribute('data-hearth-recs-source', result.source);
      filled++;
    } catch (e) {
      el.setAttribute('data-hearth-recs-error', (e as Error)?.message ?? String(e));
    }
  }));
  return filled;
}
