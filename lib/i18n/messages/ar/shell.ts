import type shell from "../en/shell";

export default {
  nav: {
    label: "الوحدات",
    dashboard: "لوحة المعلومات",
    inbox: "صندوق الوارد",
    contacts: "جهات الاتصال",
    reports: "التقارير",
    settings: "الإعدادات",
    organization: "المؤسسة",
    openMenu: "فتح قائمة التنقل",
    closeMenu: "إغلاق قائمة التنقل",
  },
  userMenu: { open: "فتح قائمة المستخدم", account: "الحساب", language: "اللغة", signout: "تسجيل الخروج" },
  switcher: {
    label: "مساحة العمل",
    openCurrent: "{workspace}: تبديل مساحة العمل",
    heading: "مساحات العمل الخاصة بك",
    current: "مساحة العمل الحالية",
    inOrg: "في {org}",
  },
  skipToContent: "انتقل إلى المحتوى",
  status: { online: "متصل", offline: "غير متصل" },
  comingSoon: "ستتوفر هذه الوحدة في إصدار لاحق.",
} satisfies typeof shell;
