import { PageSkeleton } from "@/app/components/page-skeleton";

export default function Loading() {
  return <PageSkeleton layout="form" width="max-w-3xl px-4 py-8" />;
}
