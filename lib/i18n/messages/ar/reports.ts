import type reports from "../en/reports";

export default {
  metaTitle: "التقارير",
  title: "التقارير",
  lead: "أداء الفريق: جهات الاتصال المسندة، والرسائل المرسلة خلال آخر 7 أيام، ومن المتصل الآن.",
  totals: {
    members: "الأعضاء",
    online: "متصلون الآن",
    assigned: "جهات الاتصال المسندة",
    sent: "الرسائل المرسلة (7 أيام)",
  },
  byRole: {
    heading: "حسب الدور",
    caption: "لكل دور: الأعضاء وجهات الاتصال المسندة إليهم والرسائل المرسلة في آخر 7 أيام",
    role: "الدور",
  },
  usersHeading: "المستخدمون",
  table: {
    caption: "لكل عضو: جهات الاتصال المسندة، والرسائل المرسلة خلال آخر 7 أيام، وآخر نشاط",
    member: "العضو",
    role: "مستوى الوصول",
    assigned: "جهات الاتصال المسندة",
    sent: "الرسائل المرسلة (7 أيام)",
    lastActive: "آخر نشاط",
  },
  onlineNow: "متصل الآن",
  offline: "غير متصل",
  away: "متصل، غائب",
  empty: "لا يوجد أعضاء بعد.",
  noMatch: "لا يوجد أعضاء يطابقون «{q}»",
  pagination: { label: "الصفحات", first: "الصفحة الأولى", next: "الصفحة التالية" },
} satisfies typeof reports;
