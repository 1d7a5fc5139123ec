"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { fieldErrorText } from "@/app/components/field-error";
import { useI18n } from "@/lib/i18n/client";
import { contactFieldsSchema, type ContactFields, type ContactFieldsInput } from "@/lib/validation/contacts";
import { FormAlert } from "@/app/components/dialog";
import { buttonClass, inputClass } from "@/app/components/styles";
import { updateContactAction } from "../actions";

const FIELDS = ["name", "email", "phone"] as const;

/** Edit name, email and phone with the shared schema; server field errors land on their field. */
export function ContactForm({
  workspaceId,
  contactId,
  defaults,
}: {
  workspaceId: string;
  contactId: string;
  defaults: ContactFieldsInput;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [general, setGeneral] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ContactFieldsInput, unknown, ContactFields>({
    resolver: zodResolver(contactFieldsSchema),
    defaultValues: defaults,
  });

  const onSubmit = handleSubmit(async (values) => {
    setGeneral(null);
    setSaved(false);
    const result = await updateContactAction(workspaceId, {
      contactId,
      name: values.name,
      email: values.email ?? "",
      phone: values.phone ?? "",
    });
    if (!result.ok) {
      let onField = false;
      for (const field of FIELDS) {
        const message = result.fieldErrors?.[field];
        if (message) {
          setError(field, { type: "server", message }, { shouldFocus: !onField });
          onField = true;
        }
      }
      if (!onField) setGeneral(result.message);
      return;
    }
    reset({ name: values.name, email: values.email ?? "", phone: values.phone ?? "" });
    setSaved(true);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-4 grid gap-4" data-testid="contact-form">
      {FIELDS.map((field) => {
        const error = fieldErrorText(t, errors[field]);
        const id = `contact-${field}`;
        return (
          <div key={field}>
            <label htmlFor={id} className="block text-sm font-medium text-gray-800">
              {t(`contacts.form.${field}`)}
              {field !== "name" ? (
                <span className="ms-1 font-normal text-gray-500">({t("contacts.form.optional")})</span>
              ) : null}
            </label>
            <input
              id={id}
              type={field === "email" ? "email" : field === "phone" ? "tel" : "text"}
              dir={field === "name" ? "auto" : "ltr"}
              autoComplete="off"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              className={`${inputClass} text-start`}
              {...register(field, { onChange: () => setSaved(false) })}
            />
            {error ? (
              <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-600">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <FormAlert message={general} />
      <div className="flex flex-wrap items-center justify-end gap-3">
        {saved ? (
          <p role="status" className="text-sm text-emerald-700" data-testid="contact-saved">
            {t("contacts.form.saved")}
          </p>
        ) : null}
        <button type="submit" disabled={isSubmitting || !isDirty} className={buttonClass()} data-testid="contact-save">
          {isSubmitting ? t("contacts.form.saving") : t("contacts.form.save")}
        </button>
      </div>
    </form>
  );
}
