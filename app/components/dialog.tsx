"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { useI18n } from "@/lib/i18n/client";
import { Icon } from "@/app/components/icons";
import { cx } from "@/app/components/styles";

/**
 * A modal on the native <dialog>: the browser gives the focus trap, the inert page behind
 * it and Escape (the "cancel" event). Mounted only while open; focus goes back to the
 * element that opened it when it closes.
 */
export function Dialog({
  title,
  description,
  onClose,
  children,
  size = "md",
}: {
  title: ReactNode;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  size?: "sm" | "md" | "lg";
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const pressedBackdrop = useRef(false);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // showModal focuses the first focusable element, the close button; start in the content
    // instead: the element marked data-autofocus, else the first field or button there.
    const start =
      dialog.querySelector<HTMLElement>("[data-autofocus]") ??
      bodyRef.current?.querySelector<HTMLElement>(
        "input:not([type=hidden]):not(:disabled), select, textarea, button:not(:disabled)",
      );
    start?.focus();
    // Ignore a stale "close" queued by a previous close() (React's dev double-mount reopens it).
    const handleClose = () => {
      if (!dialog.open) onCloseRef.current();
    };
    dialog.addEventListener("close", handleClose);
    return () => {
      dialog.removeEventListener("close", handleClose);
      if (dialog.open) dialog.close();
      // The opener may be inside a menu that has since closed: fall back gracefully.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      // A click on the backdrop (the dialog element itself, outside the panel) closes it;
      // a text selection dragged out of a field onto the backdrop does not.
      onPointerDown={(e) => {
        pressedBackdrop.current = e.target === e.currentTarget;
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget && pressedBackdrop.current) e.currentTarget.close();
      }}
      className={cx(
        "m-auto w-[calc(100%-2rem)] rounded-xl border border-gray-200 bg-white",
        "p-0 text-start text-gray-900 shadow-xl backdrop:bg-black/50",
        size === "sm" ? "max-w-md" : size === "lg" ? "max-w-3xl" : "max-w-lg",
      )}
    >
      <div className="max-h-[85vh] overflow-y-auto p-6">
        <div className="flex items-start justify-between gap-4">
          <h2 id={titleId} className="text-lg font-semibold tracking-tight">
            {title}
          </h2>
          <button
            type="button"
            onClick={() => ref.current?.close()}
            aria-label={t("common.close")}
            className="-me-2 -mt-1 rounded-md p-1.5 text-gray-400 hover:bg-gray-100 hover:text-gray-700"
          >
            <Icon name="close" className="size-5" />
          </button>
        </div>
        {description ? (
          <p id={descriptionId} className="mt-1 text-gray-600">
            {description}
          </p>
        ) : null}
        <div ref={bodyRef} className="mt-5">
          {children}
        </div>
      </div>
    </dialog>
  );
}

/** A form's general error (the server's answer that belongs to no field), announced to screen readers. */
export function FormAlert({ message, testId }: { message: string | null | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid={testId}>
      {message}
    </p>
  );
}

/** Footer row of a dialog form: secondary action first, primary at the end (mirrors in RTL). */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="mt-6 flex flex-wrap items-center justify-end gap-3">{children}</div>;
}
