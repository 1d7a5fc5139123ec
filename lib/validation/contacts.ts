import { z } from "zod";
import { uuid } from "./id";
import { normalizeEmail } from "./email";

const idField = uuid("notFound");

// Contacts (docs/PRODUCT.md, Routes): one schema per shape, shared by the forms (zodResolver) and the
// server actions. Messages are catalog keys under `errors.`.

/** An optional field: blank becomes null. */
const blankToNull = (value: string) => (value.trim() === "" ? null : value.trim());

// Digits with the usual separators; at least 3 digits, at most 40 characters.
const PHONE = /^\+?[0-9 ()./-]{3,40}$/;

export const contactFieldsSchema = z.object({
  name: z
    .string({ error: "name.required" })
    .trim()
    .min(1, { error: "name.required" })
    .max(200, { error: "contacts.nameTooLong" }),
  email: z
    .string()
    .max(254, { error: "email.invalid" })
    .transform((value, ctx) => {
      const raw = blankToNull(value);
      if (raw === null) return null;
      const email = normalizeEmail(raw);
      if (!email) {
        ctx.addIssue({ code: "custom", message: "email.invalid" });
        return z.NEVER;
      }
      return email;
    }),
  phone: z
    .string()
    .max(40, { error: "contacts.phoneInvalid" })
    .transform((value, ctx) => {
      const phone = blankToNull(value);
      if (phone === null) return null;
      if (!PHONE.test(phone) || (phone.match(/[0-9]/g) ?? []).length < 3) {
        ctx.addIssue({ code: "custom", message: "contacts.phoneInvalid" });
        return z.NEVER;
      }
      return phone;
    }),
});
export type ContactFieldsInput = z.input<typeof contactFieldsSchema>;
export type ContactFields = z.output<typeof contactFieldsSchema>;

export const updateContactSchema = contactFieldsSchema.extend({ contactId: idField });
export type UpdateContactInput = z.input<typeof updateContactSchema>;

/** Assign to a member (their user id) or to nobody (null). */
export const assignContactSchema = z.object({
  contactId: idField,
  assigneeId: uuid("contacts.badAssignee").nullable(),
});
export type AssignContactInput = z.input<typeof assignContactSchema>;

export const contactIdSchema = z.object({ contactId: idField });

/** The member picker's search. */
export const assigneeSearchSchema = z.object({ q: z.string().trim().max(200).default("") });

/** ?q= and ?cursor= of the list page; anything malformed reads as "first page, no search". */
export const contactListSchema = z.object({
  q: z.string().trim().max(200).catch(""),
  cursor: z.string().max(200).optional().catch(undefined),
});
