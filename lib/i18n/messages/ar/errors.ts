import type errors from "../en/errors";

export default {
  generic: "حدث خطأ ما. يرجى المحاولة مرة أخرى.",
  unauthenticated: "يرجى تسجيل الدخول مرة أخرى.",
  forbidden: "ليست لديك صلاحية للقيام بذلك.",
  notFound: "غير موجود.",
  rateLimited: "محاولات كثيرة جدًا. انتظر بضع دقائق ثم حاول مرة أخرى.",
  invalidInput: "يرجى مراجعة الحقول المحددة.",
  email: { invalid: "أدخل عنوان بريد إلكتروني واحدًا صالحًا، مثل name@example.com.", required: "أدخل عنوان بريدك الإلكتروني." },
  name: { required: "أدخل اسمًا.", tooLong: "استخدم 120 حرفًا على الأكثر." },
  avatar: { tooLarge: "يجب ألا يتجاوز حجم الصورة 1 ميغابايت.", badType: "استخدم صورة PNG أو JPEG أو WebP أو GIF." },
  users: {
    invite: {
      alreadyMember: "هذا الشخص عضو في مساحة العمل بالفعل.",
      alreadyInvited: "لهذا العنوان دعوة معلقة بالفعل. يمكنك إرسالها مرة أخرى.",
    },
    role: { invalid: "اختر مستوى الوصول.", notAllowed: "لا يمكنك منح مستوى الوصول هذا." },
    revoke: { badTarget: "اختر عضوًا آخر في مساحة العمل هذه." },
  },
} satisfies typeof errors;
