import { t } from "../i18n/index.js";
import { Link } from "./Link.js";

export function NotFoundView() {
  return (
    <section class="card">
      <h1>{t("app.notFound.title")}</h1>
      <p>{t("app.notFound.body")}</p>
      <p>
        <Link href="/">{t("app.home")}</Link>
      </p>
    </section>
  );
}
