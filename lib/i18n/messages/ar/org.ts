import type org from "../en/org";

export default {
  heading: "إعدادات المؤسسة",
  back: "العودة إلى مساحة العمل",
  nav: { label: "إعدادات المؤسسة", users: "المستخدمون", workspaces: "مساحات العمل", billing: "الفوترة" },
  users: {
    metaTitle: "مستخدمو المؤسسة",
    title: "المستخدمون",
    count:
      "{count, plural, zero {لا أحد في المؤسسة} one {شخص واحد في المؤسسة} two {شخصان في المؤسسة} few {# أشخاص في المؤسسة} many {# شخصًا في المؤسسة} other {# شخص في المؤسسة}}",
    caption: "الأشخاص في المؤسسة ومساحات عملهم",
    user: "الشخص",
    workspaces: "مساحات العمل ومستويات الوصول",
    admin: "مسؤول المؤسسة",
    membership: "{workspace} · {role}",
    noWorkspace: "لا توجد مساحة عمل",
    empty: "لا أحد في هذه المؤسسة بعد.",
    noMatch: "لا أحد يطابق «{q}»",
    signOut: "تسجيل الخروج من كل مكان",
    signOutLabel: "تسجيل الخروج من كل مكان: {name}",
    signOutTitle: "تسجيل خروج {name} من كل مكان؟",
    signOutBody: "سيُسجَّل خروج {name} من كل متصفح سجّل الدخول منه عند طلبه التالي، ويمكنه تسجيل الدخول مجددًا برابط جديد.",
    signedOut:
      "{count, plural, zero {لم تكن لدى {name} جلسات مفتوحة.} one {تم تسجيل خروج {name} من جلسة واحدة.} two {تم تسجيل خروج {name} من جلستين.} few {تم تسجيل خروج {name} من # جلسات.} many {تم تسجيل خروج {name} من # جلسة.} other {تم تسجيل خروج {name} من # جلسة.}}",
    actions: "الإجراءات",
  },
  workspaces: {
    metaTitle: "مساحات العمل",
    title: "مساحات العمل",
    count:
      "{count, plural, zero {لا توجد مساحات عمل} one {مساحة عمل واحدة} two {مساحتا عمل} few {# مساحات عمل} many {# مساحة عمل} other {# مساحة عمل}}",
    members: "{count, plural, zero {لا أعضاء} one {عضو واحد} two {عضوان} few {# أعضاء} many {# عضوًا} other {# عضو}}",
    created: "أُنشئت في {date}",
    open: "فتح",
    notMember: "لست عضوًا فيها",
    createTitle: "مساحة عمل جديدة",
    createLead: "ستكون مالكها ويمكنك دعوة الأشخاص من صفحة المستخدمين فيها.",
    nameLabel: "اسم مساحة العمل",
    create: "إنشاء مساحة العمل",
    createdNotice: "تم إنشاء مساحة العمل «{name}».",
  },
  billing: {
    metaTitle: "الفوترة",
    title: "الفوترة",
    plan: "الخطة",
    plans: { free: "المجانية", team: "الفريق", business: "الأعمال" },
    workspaces:
      "{count, plural, zero {لا توجد مساحات عمل} one {مساحة عمل واحدة} two {مساحتا عمل} few {# مساحات عمل} many {# مساحة عمل} other {# مساحة عمل}}",
    seats: "المقاعد",
    seatUsage: "{used} من {limit} مقعدًا مستخدمة",
    left: "{count, plural, zero {لم يتبقَّ أي مقعد} one {يتبقى مقعد واحد} two {يتبقى مقعدان} few {تتبقى # مقاعد} many {يتبقى # مقعدًا} other {يتبقى # مقعد}}",
    over: "{count, plural, zero {لا تجاوز للحد} one {مقعد واحد فوق الحد} two {مقعدان فوق الحد} few {# مقاعد فوق الحد} many {# مقعدًا فوق الحد} other {# مقعد فوق الحد}}",
    seatHint:
      "المقعد هو شخص لديه وصول إلى مساحة عمل واحدة على الأقل من مساحات عمل المؤسسة، ويُحتسب مرة واحدة مهما كان عدد مساحات العمل التي ينتمي إليها. الدعوات المعلقة لا تستهلك مقعدًا.",
  },
} satisfies typeof org;
