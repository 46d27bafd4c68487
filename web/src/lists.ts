import { getJson, query } from "./api.js";
import type { Page, Preset } from "./api-types.js";

const MAX_PAGES = 20;

/** Every item of a paged list (API.md `{ items, next }`), following `next` cursors. */
export async function listAll<T>(path: string, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await getJson<Page<T>>(`${path}${query({ limit: 100, cursor })}`, { signal });
    items.push(...answer.items);
    if (!answer.next) break;
    cursor = answer.next;
  }
  return items;
}

export async function loadPresets(signal?: AbortSignal): Promise<Preset[]> {
  return (await getJson<{ items: Preset[] }>("/v1/models", { signal })).items;
}
