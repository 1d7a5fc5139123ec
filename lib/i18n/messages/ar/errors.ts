import type errors from "../en/errors";

export default {
  generic: "حدث خطأ ما. يرجى المحاولة مرة أخرى.",
  unavailable: "تعذّر الوصول إلى الخدمة الآن. يرجى المحاولة مرة أخرى بعد قليل.",
  unauthenticated: "يرجى تسجيل الدخول مرة أخرى.",
  forbidden: "ليست لديك صلاحية للقيام بذلك.",
  notFound: "غير موجود.",
  rateLimited: "محاولات كثيرة جدًا. انتظر بضع دقائق ثم حاول مرة أخرى.",
  invalidInput: "يرجى مراجعة الحقول المحددة.",
  email: {
    invalid: "أدخل عنوان بريد إلكتروني واحدًا صالحًا، مثل name@example.com.",
    required: "أدخل عنوان بريدك الإلكتروني.",
  },
  name: { required: "أدخل اسمًا.", tooLong: "استخدم 120 حرفًا على الأكثر." },
  avatar: { tooLarge: "يجب ألا يتجاوز حجم الصورة 1 ميغابايت.", badType: "استخدم صورة PNG أو JPEG أو WebP أو GIF." },
  users: {
    invite: {
      alreadyMember: "هذا الشخص عضو في مساحة العمل بالفعل.",
      deactivated: "هذا الشخص معطَّل في مساحة العمل هذه. أعِد تفعيله بدلًا من دعوته.",
      alreadyInvited: "لهذا العنوان دعوة معلقة بالفعل. يمكنك إرسالها مرة أخرى.",
    },
    role: { invalid: "اختر مستوى الوصول.", notAllowed: "لا يمكنك منح مستوى الوصول هذا." },
    revoke: { badTarget: "اختر عضوًا آخر في مساحة العمل هذه." },
  },
  sessions: {
    current: "هذه هي الجلسة التي تستخدمها الآن. استخدم «تسجيل الخروج» بدلًا من ذلك.",
    self: "لتسجيل خروجك أنت، استخدم صفحة حسابك.",
  },
  contacts: {
    nameTooLong: "استخدم 200 حرف على الأكثر.",
    phoneInvalid: "أدخل رقم هاتف: أرقام ومسافات و+ ( ) - فقط.",
    badAssignee: "اختر عضوًا في مساحة العمل هذه.",
  },
  inbox: { bodyRequired: "اكتب رسالة أولًا.", bodyTooLong: "استخدم 10,000 حرف على الأكثر." },
  settings: {
    name: { tooLong: "استخدم 80 حرفًا على الأكثر." },
    body: { required: "أدخل النص.", tooLong: "استخدم 5,000 حرف على الأكثر." },
    team: { nameTaken: "يوجد فريق بهذا الاسم بالفعل.", notMember: "اختر عضوًا في مساحة العمل هذه." },
    snippet: { nameTaken: "يوجد مقتطف بهذا الاسم بالفعل." },
    webhook: {
      urlInvalid: "أدخل عنوانًا كاملًا يبدأ بـ https://.",
      urlPrivate: "يشير هذا العنوان إلى شبكة خاصة أو محلية. استخدم عنوانًا عامًا.",
      eventsRequired: "اختر حدثًا واحدًا على الأقل.",
    },
    autoAway: { range: "أدخل عددًا صحيحًا من الدقائق بين 1 و60." },
  },
} satisfies typeof errors;
