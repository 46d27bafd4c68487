import type { Lang } from "./i18n.js";

// The key lives only as long as the tab (sessionStorage) and only ever travels in a header;
// the language choice is a preference and is remembered (localStorage).
const KEY_ITEM = "ikn.apiKey";
const LANG_ITEM = "ikn.lang";

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_ITEM);
}

export function storeKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY_ITEM, key);
  else sessionStorage.removeItem(KEY_ITEM);
}

export function storedLang(): Lang {
  return localStorage.getItem(LANG_ITEM) === "en" ? "en" : "id";
}

export function storeLang(lang: Lang): void {
  localStorage.setItem(LANG_ITEM, lang);
}
