import type shell from "../en/shell";

export default {
  nav: { dashboard: "لوحة المعلومات", inbox: "صندوق الوارد", contacts: "جهات الاتصال", reports: "التقارير", settings: "الإعدادات", organization: "المؤسسة" },
  userMenu: { account: "الحساب", language: "اللغة", signout: "تسجيل الخروج" },
  switcher: { label: "مساحة العمل" },
  comingSoon: "ستتوفر هذه الوحدة في إصدار لاحق.",
} satisfies typeof shell;
