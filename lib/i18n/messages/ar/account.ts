import type account from "../en/account";

export default {
  metaTitle: "حسابك",
  title: "حسابك",
  lead: "اسمك وصورتك ولغتك هي نفسها في كل مساحات العمل.",
  back: "العودة إلى {workspace}",
  backToApp: "العودة إلى التطبيق",
  profile: {
    heading: "الملف الشخصي",
    name: "الاسم المعروض",
    nameHint: "يظهر لزملائك في الفريق وفي المحادثات التي ترد عليها.",
    email: "البريد الإلكتروني",
    emailHint: "تسجّل الدخول بهذا العنوان، ولا يمكن تغييره هنا.",
    language: "اللغة",
    languageHint: "لغة التطبيق ولغة الرسائل التي نرسلها إليك.",
    save: "حفظ التغييرات",
    saving: "جارٍ الحفظ…",
    saved: "تم حفظ تغييراتك.",
  },
  avatar: {
    heading: "الصورة الشخصية",
    hint: "PNG أو JPEG أو WebP أو GIF، بحد أقصى 1 ميغابايت.",
    choose: "رفع صورة",
    replace: "رفع صورة جديدة",
    uploading: "جارٍ الرفع…",
    uploaded: "تم تحديث صورتك.",
    remove: "إزالة الصورة",
    removing: "جارٍ الإزالة…",
    removed: "تمت إزالة صورتك.",
    preview: "صورتك الحالية",
  },
} satisfies typeof account;
