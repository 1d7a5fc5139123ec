import Link from "next/link";
import { networkRefused } from "@/lib/access/guard";
import { getI18n } from "@/lib/i18n/server";
import { StatusPage } from "./components/status-page";
import { buttonClass } from "@/app/components/styles";

export default async function Forbidden() {
  const { t } = await getI18n();
  // Refused by the organization's IP allow-list: say so, rather than "no permission".
  const network = networkRefused();
  return (
    <StatusPage
      code="403"
      title={network ? t("common.network.title") : t("common.forbidden.title")}
      body={network ? t("common.network.body") : t("common.forbidden.body")}
    >
      <Link href="/" className={buttonClass()}>
        {t("common.forbidden.back")}
      </Link>
    </StatusPage>
  );
}
