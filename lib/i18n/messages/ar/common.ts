import type common from "../en/common";

export default {
  appName: "سويتشبورد",
  appDescription: "مراسلة العملاء للفرق: صندوق وارد واحد وجهات الاتصال والتقارير، ومن يرى ماذا.",
  save: "حفظ",
  saved: "تم الحفظ",
  cancel: "إلغاء",
  close: "إغلاق",
  continue: "متابعة",
  loading: "جارٍ التحميل…",
  language: "اللغة",
  languages: { en: "English", ar: "العربية" },
  roles: { owner: "مالك", manager: "مدير", agent: "موظف" },
  forbidden: {
    title: "ليس لديك صلاحية الوصول إلى هذه الصفحة",
    body: "مستوى وصولك لا يشمل هذه الصفحة. اطلب ذلك من مالك مساحة العمل إن كنت تحتاجها.",
    back: "العودة إلى التطبيق",
  },
  notFound: {
    title: "الصفحة غير موجودة",
    body: "الصفحة التي طلبتها غير موجودة أو لا يمكنك رؤيتها.",
    back: "العودة إلى التطبيق",
  },
  error: {
    title: "حدث خطأ ما",
    body: "يرجى المحاولة مرة أخرى. إن تكرر ذلك فتواصل مع مالك مساحة العمل.",
    retry: "حاول مرة أخرى",
    reference: "المرجع: {reference}",
  },
} satisfies typeof common;
