// The class strings shared by every button, field and table in the app: one place to
// restyle them (dark mode comes from the palette in globals.css, not from here).

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";
export type ButtonSize = "sm" | "md" | "lg";

const BUTTON_BASE =
  "inline-flex items-center justify-center gap-2 rounded-lg text-sm disabled:cursor-not-allowed disabled:opacity-60";

const BUTTON_VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-brand-600 font-semibold text-white shadow-sm hover:bg-brand-700 hover:text-white",
  secondary: "border border-gray-300 bg-white font-medium text-gray-700 shadow-sm hover:bg-gray-50 hover:text-gray-900",
  danger: "bg-red-600 font-semibold text-white shadow-sm hover:bg-red-700 hover:text-white",
  ghost: "font-medium text-gray-700 hover:bg-gray-100 hover:text-gray-900",
};

const BUTTON_SIZES: Record<ButtonSize, string> = {
  sm: "px-2.5 py-1.5",
  md: "px-4 py-2",
  lg: "w-full px-4 py-2.5",
};

/** A button (or a link that looks like one). "lg" is the full-width submit of a one-form page. */
export function buttonClass(variant: ButtonVariant = "primary", size: ButtonSize = "md"): string {
  return `${BUTTON_BASE} ${BUTTON_VARIANTS[variant]} ${BUTTON_SIZES[size]}`;
}

/** A text field, select or textarea: full width, red border while aria-invalid. */
export const inputClass =
  "mt-1.5 block w-full rounded-lg border border-gray-300 bg-white px-3 py-2 text-gray-900 shadow-sm outline-none " +
  "placeholder:text-gray-400 focus:border-brand-500 focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-500";

/** A column header of a data table. */
export const thClass = "px-4 py-2.5 text-start text-xs font-semibold tracking-wide text-gray-500 uppercase";

/** The white, rounded box around a data table (scrolls sideways on a narrow screen). */
export const tableBoxClass = "overflow-x-auto rounded-xl border border-gray-200 bg-white shadow-sm";

/** An empty list's dashed box. */
export const emptyBoxClass = "rounded-xl border border-dashed border-gray-300 bg-white p-10 text-center text-gray-600";

/** Joins class names, skipping the empty ones: for a class list that depends on state. */
export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}
