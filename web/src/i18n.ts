import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { en, id, type MessageKey } from "./messages.js";

export type Lang = "id" | "en";
export const LANGS: readonly Lang[] = ["id", "en"];
export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { id, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Looks a message up and fills its `{name}` placeholders. */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = MESSAGES[lang][key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

export interface LangContextValue {
  lang: Lang;
  t: Translate;
}

export const LangContext = createContext<LangContextValue>({ lang: "id", t: (key, vars) => translate("id", key, vars) });

export function useLang(): LangContextValue {
  return useContext(LangContext);
}
