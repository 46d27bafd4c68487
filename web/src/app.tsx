import type { ComponentType } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { type AuthState, can, checkAuth, RoleContext } from "./auth.js";
import { ProblemNote } from "./components/ProblemNote.js";
import { KeyForm } from "./components/KeyForm.js";
import { type Lang, LangContext, translate, useLang } from "./i18n.js";
import type { MessageKey } from "./messages.js";
import { planInputs } from "./plan-data.js";
import { href, type Route, useRoute } from "./route.js";
import { storedKey, storedLang, storeKey, storeLang } from "./session.js";
import { useLoad } from "./use-load.js";
import { SubmitView } from "./views/Submit.js";
import { JobsView } from "./views/Jobs.js";

// Views past the first screen load on demand, so the first paint carries only what it shows.
const lazyViews = {
  job: () => import("./views/Job.js").then((m) => m.JobView),
  plan: () => import("./views/Plan.js").then((m) => m.PlanView),
  compare: () => import("./views/Compare.js").then((m) => m.CompareView),
  comparison: () => import("./views/Comparison.js").then((m) => m.ComparisonView),
  schedules: () => import("./views/Schedules.js").then((m) => m.SchedulesView),
  schedule: () => import("./views/Schedule.js").then((m) => m.ScheduleView),
} satisfies Record<string, () => Promise<ComponentType<{ id: string }>>>;

export function App() {
  const [lang, setLang] = useState<Lang>(storedLang);
  const [auth, setAuth] = useState<AuthState>({ phase: "checking" });
  const route = useRoute();
  const langValue = useMemo(() => ({ lang, t: (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars) }), [lang]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, "app.title");
  }, [lang]);
  useEffect(() => {
    checkAuth(storedKey() !== null).then(setAuth);
    // A plan opened directly (a link, a reload) is the heaviest view: fetch its code and data while the key is checked.
    if (route.view === "plan") {
      void lazyViews.plan().catch(() => undefined);
      void planInputs(route.id).catch(() => undefined);
    }
  }, []);

  const switchLang = () => {
    const next = lang === "id" ? "en" : "id";
    storeLang(next);
    setLang(next);
  };
  const applyKey = (key: string | null) => {
    storeKey(key);
    setAuth({ phase: "checking" });
    checkAuth(key !== null).then(setAuth);
  };
  const t = langValue.t;

  return (
    <LangContext.Provider value={langValue}>
      <a class="skip" href="#main">
        {t("app.skip")}
      </a>
      <header class="top">
        <p class="brand">{t("app.title")}</p>
        {auth.phase === "ready" && <Nav route={route} canPlan={can(auth.who.role, "compare")} />}
        <div class="top-tools">
          {auth.phase === "ready" && (
            <span class="who">
              {auth.who.localMode ? t("auth.local") : t("auth.role", { role: t(`role.${auth.who.role}`) })}
              {!auth.who.localMode && (
                <button type="button" class="link" onClick={() => applyKey(null)}>
                  {t("auth.change")}
                </button>
              )}
            </span>
          )}
          <button type="button" data-testid="lang-toggle" lang={lang === "id" ? "en" : "id"} onClick={switchLang}>
            {t("app.otherLanguage")}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {auth.phase === "checking" && <p>{t("app.loading")}</p>}
        {auth.phase === "unreachable" && <ProblemNote error={auth.error} />}
        {auth.phase === "needKey" && <KeyForm rejected={auth.rejected} onKey={applyKey} />}
        {auth.phase === "ready" && (
          <RoleContext.Provider value={auth.who.role}>
            <View route={route} />
          </RoleContext.Provider>
        )}
      </main>
    </LangContext.Provider>
  );
}

function Nav({ route, canPlan }: { route: Route; canPlan: boolean }) {
  const { t } = useLang();
  const items: { to: Route; label: MessageKey; active: Route["view"][] }[] = [
    { to: { view: "submit" }, label: "nav.submit", active: ["submit"] },
    { to: { view: "jobs" }, label: "nav.jobs", active: ["jobs", "job", "plan"] },
  ];
  if (canPlan) {
    items.push({ to: { view: "compare" }, label: "nav.compare", active: ["compare", "comparison"] });
    items.push({ to: { view: "schedules" }, label: "nav.schedules", active: ["schedules", "schedule"] });
  }
  return (
    <nav aria-label={t("nav.label")}>
      <ul>
        {items.map((item) => (
          <li key={item.label}>
            <a href={href(item.to)} aria-current={item.active.includes(route.view) ? "page" : undefined}>
              {t(item.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function View({ route }: { route: Route }) {
  if (route.view === "submit") return <SubmitView />;
  if (route.view === "jobs") return <JobsView />;
  const id = "id" in route ? route.id : "";
  return <LazyView load={lazyViews[route.view]} id={id} key={route.view} />;
}

function LazyView({ load, id }: { load: () => Promise<ComponentType<{ id: string }>>; id: string }) {
  const { t } = useLang();
  const view = useLoad(load, [load]);
  if (view.error) return <ProblemNote error={view.error} />;
  if (!view.data) return <p>{t("app.loading")}</p>;
  const Component = view.data;
  return <Component id={id} />;
}
