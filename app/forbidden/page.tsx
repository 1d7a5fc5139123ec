import { forbidden } from "next/navigation";

// middleware.ts rewrites requests its token check denies to this path (status 403);
// forbidden() renders app/forbidden.tsx.
export default function ForbiddenPage(): never {
  forbidden();
}
