"use client";
import { useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/result";
import { ConfirmDialog } from "@/app/w/[workspaceId]/settings/_components/confirm-dialog";
import { useNotice } from "./notice";
import { buttonClass, type ButtonVariant } from "./styles";

/**
 * A button that asks first (ConfirmDialog: the consequence spelled out, a refusal shown in the
 * dialog), runs one server action, announces the outcome in the page's notice area and
 * refreshes the server data.
 */
export function ConfirmAction<T>({
  label,
  accessibleLabel,
  title,
  body,
  confirmLabel,
  run,
  done,
  variant = "secondary",
  testId,
}: {
  label: ReactNode;
  accessibleLabel?: string;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  run: () => Promise<ActionResult<T>>;
  /** The notice after success. */
  done: (data: T) => string;
  variant?: ButtonVariant;
  testId?: string;
}) {
  const router = useRouter();
  const notice = useNotice();
  const [open, setOpen] = useState(false);
  const message = useRef("");

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={accessibleLabel}
        className={`${buttonClass(variant, "sm")} whitespace-nowrap`}
        data-testid={testId}
      >
        {label}
      </button>
      {open ? (
        <ConfirmDialog
          title={title}
          body={body}
          confirmLabel={confirmLabel}
          onConfirm={async () => {
            const result = await run();
            if (result.ok) message.current = done(result.data);
            return result;
          }}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            notice(message.current);
            router.refresh();
          }}
        />
      ) : null}
    </>
  );
}
