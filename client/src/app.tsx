import { t } from "./i18n/index.js";
import { currentPath, parseRoute, type Route } from "./router.js";
import { endedBy } from "./state/session.js";
import { Announcer } from "./views/Announcer.js";
import { CreateView } from "./views/CreateView.js";
import { ExitView } from "./views/ExitView.js";
import { Header } from "./views/Header.js";
import { JoinView } from "./views/JoinView.js";
import { LazyWorkshopView } from "./views/LazyWorkshopView.js";
import { NotFoundView } from "./views/NotFoundView.js";

function RouteView({ route }: { route: Route }) {
  switch (route.name) {
    case "create":
      return <CreateView />;
    case "join":
      return <JoinView key={route.code} initialCode={route.code} />;
    case "workshop":
      return <LazyWorkshopView ended={null} />;
    case "exit":
      return <ExitView />;
    case "notFound":
      return <NotFoundView />;
    default: {
      const unknownRoute: never = route;
      return unknownRoute;
    }
  }
}

export function App() {
  const route = parseRoute(currentPath.value);
  if (route.name === "exit") return <ExitView />;
  const ended = endedBy.value;
  // A full screen of its own, without the top bar (LazyWorkshopView.tsx).
  if (route.name === "workshop" && ended) return <LazyWorkshopView ended={ended} />;
  return (
    <>
      <a class="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <Header />
      <Announcer />
      <main id="main" class={`page page-${route.name}`}>
        <RouteView route={route} />
      </main>
    </>
  );
}
