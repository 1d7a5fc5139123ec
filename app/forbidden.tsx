import Link from "next/link";
import { getI18n } from "@/lib/i18n/server";
import { StatusPage } from "./components/status-page";
import { buttonClass } from "@/app/components/styles";

export default async function Forbidden() {
  const { t } = await getI18n();
  return (
    <StatusPage code="403" title={t("common.forbidden.title")} body={t("common.forbidden.body")}>
      <Link href="/" className={buttonClass()}>
        {t("common.forbidden.back")}
      </Link>
    </StatusPage>
  );
}
