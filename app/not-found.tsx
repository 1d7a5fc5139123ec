import Link from "next/link";
import { getI18n } from "@/lib/i18n/server";
import { StatusPage } from "./components/status-page";
import { buttonClass } from "@/app/components/styles";

export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <StatusPage code="404" title={t("common.notFound.title")} body={t("common.notFound.body")}>
      <Link href="/" className={buttonClass()}>
        {t("common.notFound.back")}
      </Link>
    </StatusPage>
  );
}
