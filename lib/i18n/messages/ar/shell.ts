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
  status: { online: "متصل", away: "غائب", offline: "غير متصل" },
  availability: {
    heading: "حالتك في مساحة العمل هذه",
    available: "متاح",
    away: "غائب",
    availableHint: "يراك فريقك متصلًا عندما يكون التطبيق مفتوحًا.",
    awayHint: "يراك فريقك غائبًا حتى وإن كان التطبيق مفتوحًا.",
    autoAway:
      "{count, plural, zero {تظهر غائبًا أيضًا بعد أقل من دقيقة بلا نشاط.} one {تظهر غائبًا أيضًا بعد دقيقة واحدة بلا نشاط.} two {تظهر غائبًا أيضًا بعد دقيقتين بلا نشاط.} few {تظهر غائبًا أيضًا بعد # دقائق بلا نشاط.} many {تظهر غائبًا أيضًا بعد # دقيقة بلا نشاط.} other {تظهر غائبًا أيضًا بعد # دقيقة بلا نشاط.}}",
    autoAwayNow: "تظهر غائبًا الآن: لا نشاط حديث.",
    failed: "تعذّر تغيير حالتك. حاول مرة أخرى.",
  },
  comingSoon: "ستتوفر هذه الوحدة في إصدار لاحق.",
} satisfies typeof shell;
