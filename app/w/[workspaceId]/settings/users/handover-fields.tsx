"use client";
import { useI18n } from "@/lib/i18n/client";

export interface PreviewShare {
  userId: string;
  name: string | null;
  email: string;
  held: number;
  receives: number;
}

/** The distribution's preview: who receives how many, beside what they hold now. */
export function HandoverPreview({ shares }: { shares: PreviewShare[] | null }) {
  const { t, locale } = useI18n();
  const formatNumber = (n: number) => new Intl.NumberFormat(locale).format(n);
  if (!shares) return <p className="text-sm text-gray-600">{t("users.revokeDialog.previewLoading")}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200">
      <table className="w-full text-sm" data-testid="handover-preview">
        <caption className="px-3 pt-2 text-start font-medium text-gray-800">{t("users.revokeDialog.preview")}</caption>
        <thead>
          <tr className="text-xs text-gray-500">
            <th scope="col" className="px-3 py-1.5 text-start font-medium">
              {t("users.revokeDialog.colMember")}
            </th>
            <th scope="col" className="px-3 py-1.5 text-end font-medium">
              {t("users.revokeDialog.colHolds")}
            </th>
            <th scope="col" className="px-3 py-1.5 text-end font-medium">
              {t("users.revokeDialog.colReceives")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {shares.map((s) => (
            <tr key={s.userId}>
              <td className="max-w-48 truncate px-3 py-1.5 text-gray-900" dir="auto">
                {s.name || s.email}
              </td>
              <td className="px-3 py-1.5 text-end text-gray-600 tabular-nums">{formatNumber(s.held)}</td>
              <td className="px-3 py-1.5 text-end font-medium text-gray-900 tabular-nums">
                +{formatNumber(s.receives)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
