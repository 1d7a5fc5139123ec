"use client";
import { useEffect } from "react";
import Link from "next/link";
import { useI18n } from "@/lib/i18n/client";
import { StatusPage } from "./components/status-page";
import { buttonClass } from "@/app/components/styles";
import { errorReference } from "./components/error-reference";

// Never shows the error's text: only its reference (app/components/error-reference.ts), which
// is on the server's log line of the failure.

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useI18n();
  const reference = errorReference(error);
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <StatusPage
      code="500"
      title={t("common.error.title")}
      body={t("common.error.body")}
      footer={reference ? t("common.error.reference", { reference }) : undefined}
    >
      <button type="button" onClick={() => retry()} className={buttonClass()}>
        {t("common.error.retry")}
      </button>
      <Link href="/" className="rounded-md px-4 py-2 font-medium text-gray-600 hover:bg-gray-100 hover:text-gray-900">
        {t("common.notFound.back")}
      </Link>
    </StatusPage>
  );
}
