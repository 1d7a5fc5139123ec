"use client";
import { useI18n } from "@/lib/i18n/client";
import { cx } from "./styles";

export type SkeletonLayout = "cards" | "table" | "list" | "form" | "inbox";

const bar = "rounded-md bg-gray-200";

/**
 * The stand-in a module's loading.tsx shows while its server query runs: the page's title
 * and the rough shape of its content, so little moves when the real page arrives. Screen
 * readers hear "Loading…" once; the grey shapes are hidden from them.
 */
export function PageSkeleton({ layout, width = "max-w-6xl" }: { layout: SkeletonLayout; width?: string }) {
  const { t } = useI18n();
  return (
    <div className={cx("mx-auto", width)} aria-busy="true" data-testid="page-skeleton">
      <p role="status" className="sr-only">
        {t("common.loading")}
      </p>
      <div aria-hidden="true" className="animate-pulse motion-reduce:animate-none">
        <div className={cx(bar, "h-8 w-48")} />
        <div className={cx(bar, "mt-2 h-4 w-72 max-w-full")} />
        <div className="mt-6">{SHAPES[layout]}</div>
      </div>
    </div>
  );
}

const rows = (n: number, className: string) =>
  Array.from({ length: n }, (_, i) => <div key={i} className={className} />);

const box = "rounded-xl border border-gray-200 bg-white shadow-sm";

const SHAPES: Record<SkeletonLayout, React.ReactNode> = {
  cards: <div className="grid gap-4 sm:grid-cols-3">{rows(3, cx(box, "h-28"))}</div>,
  table: (
    <>
      <div className={cx(bar, "mb-4 h-10 w-full sm:max-w-xs")} />
      <div className={cx(box, "divide-y divide-gray-100")}>
        <div className="h-10 bg-gray-50" />
        {rows(6, "h-14")}
      </div>
    </>
  ),
  list: <div className="space-y-4">{rows(3, cx(box, "h-32"))}</div>,
  form: (
    <div className={cx(box, "space-y-5 p-6")}>
      {rows(3, cx(bar, "h-10 w-full max-w-md"))}
      <div className={cx(bar, "h-10 w-28")} />
    </div>
  ),
  inbox: (
    <div className={cx(box, "flex h-[calc(100dvh-13rem)] min-h-[30rem] overflow-hidden")}>
      <div className="w-full shrink-0 divide-y divide-gray-100 border-e border-gray-200 md:w-80 lg:w-96">
        {rows(6, "h-16")}
      </div>
      <div className="hidden flex-1 md:block" />
    </div>
  ),
};
